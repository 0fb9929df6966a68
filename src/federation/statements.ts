import type { JWK } from 'jose';
import { utf8 } from '../crypto/encoding.js';
import { signCompactJws } from '../crypto/jws.js';
import type { Institute } from '../store/port.js';
import type { SigningKey } from '../issuer/keys.js';

/*
 * The ministry's registry as an OpenID Federation 1.0 trust anchor: its entity configuration
 * (self-signed, at /.well-known/openid-federation) and one subordinate statement per member
 * DID (from the fetch endpoint), both signed by the ministry's key. The shape is the one DCC's
 * @digitalcredentials/issuer-registry-client reads: it takes
 * metadata.federation_entity.federation_fetch_endpoint from the entity configuration, asks
 * it `?sub=<DID>`, and shows the statement's `metadata` as the matched issuer. Conforming
 * OpenID Federation clients also check the signatures against the entity configuration's
 * `jwks` and the `exp`; both are there.
 */

export const ENTITY_STATEMENT_TYPE = 'entity-statement+jwt';
export const ENTITY_STATEMENT_MEDIA_TYPE = 'application/entity-statement+jwt';

/** How long a statement may be relied on: a suspension reaches clients that cache them within this. */
const CONFIGURATION_TTL_S = 24 * 3600;
const SUBORDINATE_TTL_S = 3600;

/** Where the trust anchor's endpoints are, under PUBLIC_URL (its entity identifier). */
export function federationUrls(publicUrl: string) {
  return {
    entityId: publicUrl,
    entityConfiguration: `${publicUrl}/.well-known/openid-federation`,
    fetch: `${publicUrl}/federation/fetch`,
    list: `${publicUrl}/federation/list`,
    /** DCC's older registry form ("dcc-legacy"): one JSON object by DID. */
    legacyRegistry: `${publicUrl}/registry/dcc-legacy.json`,
  };
}

interface Signer {
  key: SigningKey;
  now: Date;
}

const sign = (claims: Record<string, unknown>, { key, now }: Signer, ttl: number): Promise<string> => {
  const iat = Math.floor(now.getTime() / 1000);
  const payload = utf8(JSON.stringify({ ...claims, iat, exp: iat + ttl }));
  return signCompactJws({ alg: 'EdDSA', kid: key.id, typ: ENTITY_STATEMENT_TYPE }, payload, key.signer);
};

/** The trust anchor's entity configuration: iss = sub = PUBLIC_URL, the ministry's keys in `jwks`. */
export function entityConfiguration(
  params: { publicUrl: string; ministryName: string; jwks: JWK[] },
  signer: Signer,
): Promise<string> {
  const urls = federationUrls(params.publicUrl);
  return sign({
    iss: urls.entityId,
    sub: urls.entityId,
    jwks: { keys: params.jwks },
    metadata: {
      federation_entity: {
        organization_name: params.ministryName,
        homepage_uri: params.publicUrl,
        // The human-readable registry this federation publishes.
        policy_uri: `${params.publicUrl}/registry.json`,
        federation_fetch_endpoint: urls.fetch,
        federation_list_endpoint: urls.list,
      },
    },
  }, signer, CONFIGURATION_TTL_S);
}

/**
 * The trust anchor's statement about one member DID: iss = PUBLIC_URL, sub = the DID, the
 * keys the DID signs with in `jwks`, and the institute's names as metadata (OpenID's
 * `#km` language tag for the Khmer name).
 */
export function subordinateStatement(
  params: { publicUrl: string; sub: string; institute: Institute; jwks: JWK[] },
  signer: Signer,
): Promise<string> {
  const { institute } = params;
  return sign({
    iss: federationUrls(params.publicUrl).entityId,
    sub: params.sub,
    jwks: { keys: params.jwks },
    metadata: {
      federation_entity: {
        organization_name: institute.name,
        ...(institute.nameKm ? { 'organization_name#km': institute.nameKm } : {}),
        ...(institute.url ? { homepage_uri: institute.url } : {}),
      },
      institution_additional_information: { legal_name: institute.name },
    },
  }, signer, SUBORDINATE_TTL_S);
}
