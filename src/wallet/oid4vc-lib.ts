import { z } from 'zod';
import { setGlobalConfig } from '@openid4vc/utils';
import { Oauth2AuthorizationServer, Oauth2Error, Oauth2ServerErrorResponseError, preAuthorizedCodeGrantIdentifier } from '@openid4vc/oauth2';
import { Openid4vciError, Openid4vciIssuer, Openid4vciVersion } from '@openid4vc/openid4vci';

/*
 * The one door to @openid4vc/oauth2 and @openid4vc/openid4vci. On import they install their
 * own zod error map for every schema in the process (`z.config({customError})`), which would
 * change the messages of this service's own 400s; it is taken out again here, right after
 * they are evaluated, so importing them anywhere else is a mistake (tests too import from here).
 */
z.config({ customError: undefined });

export { Oauth2AuthorizationServer, Oauth2Error, Oauth2ServerErrorResponseError, Openid4vciError, Openid4vciIssuer, Openid4vciVersion, preAuthorizedCodeGrantIdentifier };
export type { IssuerMetadataResult, CredentialIssuerMetadata } from '@openid4vc/openid4vci';
export type { AuthorizationServerMetadata, JwtSigner, Jwk } from '@openid4vc/oauth2';
export { OpenId4VcBaseError } from '@openid4vc/utils';

/**
 * The library takes https URLs only (a wallet should never talk OAuth in the clear). A service
 * run locally on an http PUBLIC_URL would then fail on its own metadata, so for such a service
 * (and only then) the library is told to take http too; its https-only rule stays for the rest.
 */
export function allowHttpPublicUrl(publicUrl: string): void {
  if (new URL(publicUrl).protocol === 'http:') setGlobalConfig({ allowInsecureUrls: true });
}
