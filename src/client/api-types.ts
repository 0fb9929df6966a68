// Generated from the OpenAPI description by `npm run client:types` (src/runtime/node/client-types.ts). Do not edit.
/* eslint-disable */
export interface paths {
    "/api/v1/credentials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue a credential
         * @description Signs an Open Badges 3.0 credential (Data Integrity proof and vc+jwt) for one learner. Unknown fields are refused (400 unknown_field).
         */
        post: operations["issueCredential"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/credentials/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A credential's status and its history */
        get: operations["getCredentialStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/credentials/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke a credential (permanent) */
        post: operations["revokeCredential"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/credentials/{id}/suspend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Suspend a credential */
        post: operations["suspendCredential"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/credentials/{id}/reinstate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Lift a suspension */
        post: operations["reinstateCredential"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Verify a credential, a JWT, a scanned link or a baked badge */
        post: operations["verify"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/credentials/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A credential as signed */
        get: operations["getCredential"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/credentials/{id}/qr.svg": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The QR code of the verify link (SVG) */
        get: operations["getQrSvg"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/credentials/{id}/qr.png": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The QR code of the verify link (PNG) */
        get: operations["getQrPng"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/credentials/{id}/qr-offline.svg": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The offline QR code (SVG)
         * @description The verify link with the whole signed credential in its fragment, which the offline verifier reads without a network; when the credential does not fit (offlineQr.fits on the credential's status), the link-only code. X-Offline-QR says which was served.
         */
        get: operations["getOfflineQrSvg"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/credentials/{id}/qr-offline.png": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The offline QR code (PNG)
         * @description The verify link with the whole signed credential in its fragment, which the offline verifier reads without a network; when the credential does not fit (offlineQr.fits on the credential's status), the link-only code. X-Offline-QR says which was served.
         */
        get: operations["getOfflineQrPng"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/credentials/{id}/badge.png": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The badge with the credential baked in (PNG) */
        get: operations["getBadgePng"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/credentials/{id}/badge.svg": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The badge with the credential baked in (SVG) */
        get: operations["getBadgeSvg"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/achievements/{slug}/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The Achievement a credential names */
        get: operations["getAchievement"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/achievements/{slug}/{key}/km": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The Khmer version of an Achievement */
        get: operations["getAchievementKm"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/achievements/{slug}/{key}/image.svg": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The badge image of an Achievement */
        get: operations["getAchievementImage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/status/{listId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A BitstringStatusListCredential */
        get: operations["getStatusList"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/did.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The default institute's did:web document */
        get: operations["getDefaultDid"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/issuers/{slug}/did.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An institute's did:web document */
        get: operations["getInstituteDid"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ministry/did.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The ministry's did:web document */
        get: operations["getMinistryDid"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/jwks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The default institute's keys as a JWK Set */
        get: operations["getDefaultJwks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/issuers/{slug}/jwks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An institute's keys as a JWK Set */
        get: operations["getInstituteJwks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/registry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The ministry-signed registry credential */
        get: operations["getRegistry"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/registry.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The registry as plain JSON */
        get: operations["getRegistryJson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/openid-federation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** OpenID Federation entity configuration (trust anchor) */
        get: operations["getFederationEntity"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/federation/fetch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** OpenID Federation subordinate statement about an institute DID */
        get: operations["federationFetch"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/federation/list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The DIDs of every accredited institute */
        get: operations["federationList"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/registry/dcc-legacy.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The registry in DCC's legacy form */
        get: operations["getDccLegacyRegistry"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/institutes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Institutes the token may see */
        get: operations["listInstitutes"];
        put?: never;
        /** Create an institute */
        post: operations["createInstitute"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/institutes/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One institute */
        get: operations["getInstitute"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update an institute (names, links, cryptosuite, compatibility forms) */
        patch: operations["updateInstitute"];
        trace?: never;
    };
    "/api/v1/institutes/{slug}/accreditations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add an accreditation period */
        post: operations["accreditInstitute"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/institutes/{slug}/suspend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Suspend an institute (ends its accreditation now) */
        post: operations["suspendInstitute"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/institutes/{slug}/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An institute's API keys (never a secret) */
        get: operations["listApiKeys"];
        put?: never;
        /** Create an API key (shown once) */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/institutes/{slug}/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/institutes/{slug}/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An institute's signing keys, newest first */
        get: operations["listSigningKeys"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/institutes/{slug}/keys/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rotate the signing key */
        post: operations["rotateSigningKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/institutes/{slug}/keys/compromised": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Report a signing key compromised */
        post: operations["reportKeyCompromised"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit ledger, paged */
        get: operations["listAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The institute's templates (current versions) */
        get: operations["listTemplates"];
        put?: never;
        /** Create an achievement template (version 1) */
        post: operations["createTemplate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One template version */
        get: operations["getTemplate"];
        /** A new version of a template */
        put: operations["updateTemplate"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates/{code}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new version of a template */
        post: operations["addTemplateVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/batches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The institute's newest batches */
        get: operations["listBatches"];
        put?: never;
        /**
         * Check or issue a class list (CSV or JSON rows)
         * @description Send `Idempotency-Key` so that a retried upload issues the cohort once: the same key with the same file answers the batch made the first time; with another file, 422 idempotency_key_reused.
         */
        post: operations["submitBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/batches/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A batch's state, counts and rows */
        get: operations["getBatch"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/batches/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Issue the next chunk of an unfinished batch */
        post: operations["resumeBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/batches/{id}/results.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The results sheet */
        get: operations["getBatchResults"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/batches/{id}/qr.zip": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The QR codes, named by student id */
        get: operations["getBatchQrZip"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/credentials/{id}/wallet-offer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Offer a credential to its learner's wallet
         * @description One learner, single use, expiring, with a PIN (txCode, shown this once). An earlier open offer of the credential is withdrawn. The body may be empty (the deployment's default lifetime). A revoked or suspended credential is refused (409); an institute that may not issue now, 403.
         */
        post: operations["createWalletOffer"];
        /** Withdraw a credential's open wallet offers */
        delete: operations["revokeWalletOffers"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/batches/{id}/wallet-offers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Offer a finished batch's credentials to the learners' wallets
         * @description One new offer per issued row (an earlier open one is withdrawn); a revoked or suspended credential gets none, with the reason. With `Accept: application/zip`, the results sheet with the offers and PINs beside them, and the offers' QR codes.
         */
        post: operations["createCohortWalletOffers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/openid-credential-issuer/oid4vci/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An institute's OpenID4VCI credential issuer metadata (1.0)
         * @description Inserted after the host (RFC 8414 §3, OpenID4VCI 1.0 §12.2.2); the same document is at /oid4vci/{slug}/.well-known/openid-credential-issuer.
         */
        get: operations["getCredentialIssuerMetadata"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/oauth-authorization-server/oid4vci/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An institute's OAuth authorization server metadata (OpenID4VCI 1.0): the pre-authorized code grant
         * @description RFC 8414; the same document is at /oid4vci/{slug}/.well-known/oauth-authorization-server.
         */
        get: operations["getAuthorizationServerMetadata"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/openid-credential-issuer/oid4vci/{slug}/draft13": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An institute's OpenID4VCI credential issuer metadata (draft 13)
         * @description Inserted after the host (RFC 8414 §3, OpenID4VCI 1.0 §12.2.2); the same document is at /oid4vci/{slug}/draft13/.well-known/openid-credential-issuer.
         */
        get: operations["getCredentialIssuerMetadataDraft13"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/oauth-authorization-server/oid4vci/{slug}/draft13": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An institute's OAuth authorization server metadata (draft 13): the pre-authorized code grant
         * @description RFC 8414; the same document is at /oid4vci/{slug}/draft13/.well-known/oauth-authorization-server.
         */
        get: operations["getAuthorizationServerMetadataDraft13"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/insight/issuance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Totals of credentials issued, revoked and suspended, grouped
         * @description The ministry's token reads every institute (or the one `institute` names); an institute's key reads its own. `format=csv` answers the CSV.
         */
        get: operations["insightIssuance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/insight/issuance.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Totals of credentials issued, revoked and suspended, as a CSV file */
        get: operations["insightIssuanceCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/insight/verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Totals of verifications, learner-page views and share cards, grouped
         * @description The ministry's token reads every institute (or the one `institute` names); an institute's key reads its own. `format=csv` answers the CSV.
         */
        get: operations["insightVerification"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/insight/verification.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Totals of verifications, learner-page views and share cards, as a CSV file */
        get: operations["insightVerificationCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The endpoints this key manages */
        get: operations["listWebhooks"];
        put?: never;
        /**
         * Register a webhook endpoint
         * @description An institute's admin key registers endpoints for its own events; the ministry's, for an institute (`institute`) or for every institute. The URL must be https and not a private or loopback address. Requests are signed as Standard Webhooks says (webhook-id, webhook-timestamp, webhook-signature) with the secret answered here once; failed deliveries are retried with growing waits for a day. See `webhooks` for the events.
         */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An endpoint and its latest deliveries */
        get: operations["getWebhook"];
        put?: never;
        post?: never;
        /** Delete an endpoint (nothing more is sent to it) */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        /** Change an endpoint's URL, events or description, or pause it */
        patch: operations["updateWebhook"];
        trace?: never;
    };
    "/api/v1/webhooks/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A new signing secret
         * @description For a day after, each request carries two signatures (the new secret's and the previous one's), so the receiver can switch without a gap.
         */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a signed webhook.test now */
        post: operations["testWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The delivery log: each event's state */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/attempts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Each attempt, with the start of the receiver's answer */
        get: operations["listWebhookAttempts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries/{eventId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a failed delivery again */
        post: operations["retryWebhookDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/credentials/issue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign any VC 2.0 (or 1.1) credential */
        post: operations["vcApiIssue"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/credentials/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Verify a credential */
        post: operations["vcApiVerify"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/presentations/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Verify a presentation */
        post: operations["vcApiVerifyPresentation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/credentials/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke, suspend or reinstate by credential id */
        post: operations["vcApiUpdateStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness */
        get: operations["health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness
         * @description Whether this process can serve: the database is writable, the migrations are current, the keys are loaded and the background jobs run. Never cached.
         */
        get: operations["ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics
         * @description The Prometheus text format (prom-client): requests by route and status, latency, verifications by verdict, credentials issued, revoked and suspended, batch rows, wallet offers, database and WAL size, event-loop lag. Served to this machine (loopback, not through a proxy), or with `Authorization: Bearer <METRICS_TOKEN>`; only where the runtime keeps metrics (Node). Never cached.
         */
        get: operations["metrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This description */
        get: operations["openapi"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    "credential.issued": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A credential was issued (one per credential, a batch's too)
         * @description Headers: webhook-id (the same on every attempt: drop repeats), webhook-timestamp (seconds), webhook-signature (`v1,<base64 HMAC-SHA256>`, space-separated when two secrets sign after a rotation). Answer 2xx within 10 s; anything else is retried for a day.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    "webhook-id": string;
                    "webhook-timestamp": string;
                    "webhook-signature": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @constant */
                        type: "credential.issued";
                        timestamp: string;
                        data: {
                            credentialId: string;
                            vcId: string;
                            /** @description the institute's id */
                            institute: string;
                            links: {
                                credential?: string;
                                verify?: string;
                                batch?: string;
                                institute?: string;
                            };
                            achievement: {
                                key: string;
                                name: string;
                            };
                            issuedAt: string;
                            validFrom: string;
                            validUntil: string | null;
                            batchId: string | null;
                        };
                    };
                };
            };
            responses: {
                /** @description received (any 2xx) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "credential.revoked": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A credential was revoked
         * @description Headers: webhook-id (the same on every attempt: drop repeats), webhook-timestamp (seconds), webhook-signature (`v1,<base64 HMAC-SHA256>`, space-separated when two secrets sign after a rotation). Answer 2xx within 10 s; anything else is retried for a day.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    "webhook-id": string;
                    "webhook-timestamp": string;
                    "webhook-signature": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @constant */
                        type: "credential.revoked";
                        timestamp: string;
                        data: {
                            credentialId: string;
                            vcId: string;
                            /** @description the institute's id */
                            institute: string;
                            links: {
                                credential?: string;
                                verify?: string;
                                batch?: string;
                                institute?: string;
                            };
                            reason: string | null;
                            at: string;
                        };
                    };
                };
            };
            responses: {
                /** @description received (any 2xx) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "credential.suspended": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A credential was suspended
         * @description Headers: webhook-id (the same on every attempt: drop repeats), webhook-timestamp (seconds), webhook-signature (`v1,<base64 HMAC-SHA256>`, space-separated when two secrets sign after a rotation). Answer 2xx within 10 s; anything else is retried for a day.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    "webhook-id": string;
                    "webhook-timestamp": string;
                    "webhook-signature": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @constant */
                        type: "credential.suspended";
                        timestamp: string;
                        data: {
                            credentialId: string;
                            vcId: string;
                            /** @description the institute's id */
                            institute: string;
                            links: {
                                credential?: string;
                                verify?: string;
                                batch?: string;
                                institute?: string;
                            };
                            reason: string | null;
                            at: string;
                        };
                    };
                };
            };
            responses: {
                /** @description received (any 2xx) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "credential.reinstated": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A credential was reinstated
         * @description Headers: webhook-id (the same on every attempt: drop repeats), webhook-timestamp (seconds), webhook-signature (`v1,<base64 HMAC-SHA256>`, space-separated when two secrets sign after a rotation). Answer 2xx within 10 s; anything else is retried for a day.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    "webhook-id": string;
                    "webhook-timestamp": string;
                    "webhook-signature": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @constant */
                        type: "credential.reinstated";
                        timestamp: string;
                        data: {
                            credentialId: string;
                            vcId: string;
                            /** @description the institute's id */
                            institute: string;
                            links: {
                                credential?: string;
                                verify?: string;
                                batch?: string;
                                institute?: string;
                            };
                            reason: string | null;
                            at: string;
                        };
                    };
                };
            };
            responses: {
                /** @description received (any 2xx) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "batch.completed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A batch finished issuing
         * @description Headers: webhook-id (the same on every attempt: drop repeats), webhook-timestamp (seconds), webhook-signature (`v1,<base64 HMAC-SHA256>`, space-separated when two secrets sign after a rotation). Answer 2xx within 10 s; anything else is retried for a day.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    "webhook-id": string;
                    "webhook-timestamp": string;
                    "webhook-signature": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @constant */
                        type: "batch.completed";
                        timestamp: string;
                        data: {
                            batchId: string;
                            institute: string;
                            rows: number;
                            issued: number;
                            existing: number;
                            failed: number;
                            completedAt: string;
                            links: {
                                credential?: string;
                                verify?: string;
                                batch?: string;
                                institute?: string;
                            };
                        };
                    };
                };
            };
            responses: {
                /** @description received (any 2xx) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "wallet_offer.claimed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A learner took a credential into a wallet
         * @description Headers: webhook-id (the same on every attempt: drop repeats), webhook-timestamp (seconds), webhook-signature (`v1,<base64 HMAC-SHA256>`, space-separated when two secrets sign after a rotation). Answer 2xx within 10 s; anything else is retried for a day.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    "webhook-id": string;
                    "webhook-timestamp": string;
                    "webhook-signature": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @constant */
                        type: "wallet_offer.claimed";
                        timestamp: string;
                        data: {
                            credentialId: string;
                            /** @description the offer's public reference */
                            offer: string;
                            institute: string;
                            /** @enum {string} */
                            protocol: "openid4vci" | "vc-api";
                            format: string;
                            claimedAt: string;
                            links: {
                                credential?: string;
                                verify?: string;
                                batch?: string;
                                institute?: string;
                            };
                        };
                    };
                };
            };
            responses: {
                /** @description received (any 2xx) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "institute.accreditation_changed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * An institute was registered, accredited, suspended, or its accreditation periods changed
         * @description Headers: webhook-id (the same on every attempt: drop repeats), webhook-timestamp (seconds), webhook-signature (`v1,<base64 HMAC-SHA256>`, space-separated when two secrets sign after a rotation). Answer 2xx within 10 s; anything else is retried for a day.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    "webhook-id": string;
                    "webhook-timestamp": string;
                    "webhook-signature": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @constant */
                        type: "institute.accreditation_changed";
                        timestamp: string;
                        data: {
                            institute: string;
                            slug: string;
                            /** @enum {string} */
                            change: "registered" | "accredited" | "period_added" | "periods_ended" | "suspended";
                            /** @enum {string} */
                            status: "active" | "suspended";
                            at: string;
                            periods: {
                                from: string;
                                until: string | null;
                            }[];
                            links: {
                                credential?: string;
                                verify?: string;
                                batch?: string;
                                institute?: string;
                            };
                        };
                    };
                };
            };
            responses: {
                /** @description received (any 2xx) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "webhook.test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A test sent from the API or the console
         * @description Headers: webhook-id (the same on every attempt: drop repeats), webhook-timestamp (seconds), webhook-signature (`v1,<base64 HMAC-SHA256>`, space-separated when two secrets sign after a rotation). Answer 2xx within 10 s; anything else is retried for a day.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    "webhook-id": string;
                    "webhook-timestamp": string;
                    "webhook-signature": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @constant */
                        type: "webhook.test";
                        timestamp: string;
                        data: {
                            endpoint: string;
                            message: string;
                        };
                    };
                };
            };
            responses: {
                /** @description received (any 2xx) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        /** Error */
        Error: {
            error: {
                /** @enum {string} */
                code: "invalid_json" | "invalid_request" | "unknown_field" | "unauthorized" | "forbidden" | "not_found" | "method_not_allowed" | "conflict" | "payload_too_large" | "unsupported_media_type" | "undefined_term" | "unprocessable" | "idempotency_key_reused" | "rate_limited" | "internal" | "unavailable";
                message: string;
                details?: {
                    path: string;
                    message: string;
                }[];
                requestId?: string;
            };
        };
    };
    responses: {
        /** @description invalid_json, invalid_request or unknown_field: the request is malformed; details name each field */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description unauthorized: no bearer key, or one that is not valid or has expired */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description forbidden: the key lacks the scope, or the institute may not issue now */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description not_found: no such resource, or one that belongs to another institute */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description conflict: the change is not allowed in the current state */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description payload_too_large */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description unsupported_media_type */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description unprocessable, undefined_term or idempotency_key_reused */
        Unprocessable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description rate_limited: too many requests; wait Retry-After seconds */
        TooManyRequests: {
            headers: {
                /** @description seconds until the limit resets */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description internal: never for client input; quote the requestId */
        Internal: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description unavailable: a state of the server refuses for now (no signing key to sign with, no key vault to make keys); retry later or tell the operator */
        Unavailable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    issueCredential: {
        parameters: {
            query?: {
                /** @description the ministry's token acts for the default institute unless this names another (its slug); an institute key acts for its own */
                institute?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    learner: {
                        name: string;
                        nameKm?: string;
                        email?: string;
                        phone?: string;
                        nationalId?: string;
                    };
                    achievement: {
                        name: string;
                        nameKm?: string;
                        description: string;
                        descriptionKm?: string;
                        criteria: string;
                        type?: ("Achievement" | "ApprenticeshipCertificate" | "Assessment" | "Assignment" | "AssociateDegree" | "Award" | "Badge" | "BachelorDegree" | "Certificate" | "CertificateOfCompletion" | "Certification" | "CommunityService" | "Competency" | "Course" | "CoCurricular" | "Degree" | "Diploma" | "DoctoralDegree" | "Fieldwork" | "GeneralEducationDevelopment" | "JourneymanCertificate" | "LearningProgram" | "License" | "Membership" | "ProfessionalDoctorate" | "QualityAssuranceCredential" | "MasterCertificate" | "MasterDegree" | "MicroCredential" | "ResearchDoctorate" | "SecondarySchoolDiploma") | string;
                        code?: string;
                        level?: string;
                        field?: string;
                        skills?: {
                            code: string;
                            name: string;
                            nameKm?: string;
                            url?: string;
                        }[];
                        hours?: number;
                    };
                    validFrom?: string;
                    validUntil?: string;
                    result?: string;
                };
            };
        };
        responses: {
            /** @description issued */
            201: {
                headers: {
                    /** @description the credential's URL */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the credential's id in this service (its URL is links.self) */
                        id: string;
                        /** @description the Open Badges 3.0 credential, secured with a Data Integrity proof */
                        credential: {
                            [key: string]: unknown;
                        };
                        /** @description the same credential as a vc+jwt (EdDSA) */
                        jwt: string;
                        /** @description the ES256 vc+jwt, for an institute with that compatibility form on */
                        jwtEs256?: string;
                        /** CredentialLinks */
                        links: {
                            self: string;
                            verify: string;
                            qrSvg: string;
                            qrPng: string;
                            /** @description the offline QR (SVG): the whole signed credential in the link, or the link-only code when it does not fit */
                            qrOfflineSvg: string;
                            /** @description the offline QR (PNG) */
                            qrOfflinePng: string;
                            learnerPage: string;
                            badgePng: string;
                            badgeSvg: string;
                        };
                        /** OfflineQr */
                        offlineQr: {
                            /** @description whether the whole signed credential fits the offline QR at maxVersion or below; when not, qr-offline.* is the link-only code */
                            fits: boolean;
                            /** @description the QR version the offline code needs (above maxVersion when it does not fit); null for a credential without a vc+jwt */
                            version: number | null;
                            /** @description the largest version printed (error correction M) */
                            maxVersion: number;
                            /** @description the digits of the numeric segment carrying the credential; null without a vc+jwt */
                            payloadDigits: number | null;
                        };
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    getCredentialStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the status record */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @enum {string} */
                        status: "active" | "suspended" | "revoked";
                        revokedAt: string | null;
                        suspendedAt: string | null;
                        learnerName: string;
                        achievementName: string;
                        /** @description a date-time, UTC (2026-03-01T10:00:00Z) */
                        issuedAt: string;
                        validFrom: string;
                        validUntil: string | null;
                        statusLists: {
                            revocation: {
                                url: string;
                                index: number;
                            } | null;
                            suspension: {
                                url: string;
                                index: number;
                            } | null;
                        };
                        history: {
                            /** @enum {string} */
                            action: "revoke" | "suspend" | "reinstate";
                            reason: string | null;
                            actor: string;
                            /** @description a date-time, UTC (2026-03-01T10:00:00Z) */
                            at: string;
                        }[];
                        /** CredentialLinks */
                        links: {
                            self: string;
                            verify: string;
                            qrSvg: string;
                            qrPng: string;
                            /** @description the offline QR (SVG): the whole signed credential in the link, or the link-only code when it does not fit */
                            qrOfflineSvg: string;
                            /** @description the offline QR (PNG) */
                            qrOfflinePng: string;
                            learnerPage: string;
                            badgePng: string;
                            badgeSvg: string;
                        };
                        /** OfflineQr */
                        offlineQr: {
                            /** @description whether the whole signed credential fits the offline QR at maxVersion or below; when not, qr-offline.* is the link-only code */
                            fits: boolean;
                            /** @description the QR version the offline code needs (above maxVersion when it does not fit); null for a credential without a vc+jwt */
                            version: number | null;
                            /** @description the largest version printed (error correction M) */
                            maxVersion: number;
                            /** @description the digits of the numeric segment carrying the credential; null without a vc+jwt */
                            payloadDigits: number | null;
                        };
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    revokeCredential: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description the credential's status after the change */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @enum {string} */
                        status: "active" | "suspended" | "revoked";
                        revokedAt: string | null;
                        suspendedAt: string | null;
                        learnerName: string;
                        achievementName: string;
                        /** @description a date-time, UTC (2026-03-01T10:00:00Z) */
                        issuedAt: string;
                        validFrom: string;
                        validUntil: string | null;
                        statusLists: {
                            revocation: {
                                url: string;
                                index: number;
                            } | null;
                            suspension: {
                                url: string;
                                index: number;
                            } | null;
                        };
                        history: {
                            /** @enum {string} */
                            action: "revoke" | "suspend" | "reinstate";
                            reason: string | null;
                            actor: string;
                            /** @description a date-time, UTC (2026-03-01T10:00:00Z) */
                            at: string;
                        }[];
                        /** CredentialLinks */
                        links: {
                            self: string;
                            verify: string;
                            qrSvg: string;
                            qrPng: string;
                            /** @description the offline QR (SVG): the whole signed credential in the link, or the link-only code when it does not fit */
                            qrOfflineSvg: string;
                            /** @description the offline QR (PNG) */
                            qrOfflinePng: string;
                            learnerPage: string;
                            badgePng: string;
                            badgeSvg: string;
                        };
                        /** OfflineQr */
                        offlineQr: {
                            /** @description whether the whole signed credential fits the offline QR at maxVersion or below; when not, qr-offline.* is the link-only code */
                            fits: boolean;
                            /** @description the QR version the offline code needs (above maxVersion when it does not fit); null for a credential without a vc+jwt */
                            version: number | null;
                            /** @description the largest version printed (error correction M) */
                            maxVersion: number;
                            /** @description the digits of the numeric segment carrying the credential; null without a vc+jwt */
                            payloadDigits: number | null;
                        };
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["Internal"];
        };
    };
    suspendCredential: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description the credential's status after the change */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @enum {string} */
                        status: "active" | "suspended" | "revoked";
                        revokedAt: string | null;
                        suspendedAt: string | null;
                        learnerName: string;
                        achievementName: string;
                        /** @description a date-time, UTC (2026-03-01T10:00:00Z) */
                        issuedAt: string;
                        validFrom: string;
                        validUntil: string | null;
                        statusLists: {
                            revocation: {
                                url: string;
                                index: number;
                            } | null;
                            suspension: {
                                url: string;
                                index: number;
                            } | null;
                        };
                        history: {
                            /** @enum {string} */
                            action: "revoke" | "suspend" | "reinstate";
                            reason: string | null;
                            actor: string;
                            /** @description a date-time, UTC (2026-03-01T10:00:00Z) */
                            at: string;
                        }[];
                        /** CredentialLinks */
                        links: {
                            self: string;
                            verify: string;
                            qrSvg: string;
                            qrPng: string;
                            /** @description the offline QR (SVG): the whole signed credential in the link, or the link-only code when it does not fit */
                            qrOfflineSvg: string;
                            /** @description the offline QR (PNG) */
                            qrOfflinePng: string;
                            learnerPage: string;
                            badgePng: string;
                            badgeSvg: string;
                        };
                        /** OfflineQr */
                        offlineQr: {
                            /** @description whether the whole signed credential fits the offline QR at maxVersion or below; when not, qr-offline.* is the link-only code */
                            fits: boolean;
                            /** @description the QR version the offline code needs (above maxVersion when it does not fit); null for a credential without a vc+jwt */
                            version: number | null;
                            /** @description the largest version printed (error correction M) */
                            maxVersion: number;
                            /** @description the digits of the numeric segment carrying the credential; null without a vc+jwt */
                            payloadDigits: number | null;
                        };
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["Internal"];
        };
    };
    reinstateCredential: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description the credential's status after the change */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @enum {string} */
                        status: "active" | "suspended" | "revoked";
                        revokedAt: string | null;
                        suspendedAt: string | null;
                        learnerName: string;
                        achievementName: string;
                        /** @description a date-time, UTC (2026-03-01T10:00:00Z) */
                        issuedAt: string;
                        validFrom: string;
                        validUntil: string | null;
                        statusLists: {
                            revocation: {
                                url: string;
                                index: number;
                            } | null;
                            suspension: {
                                url: string;
                                index: number;
                            } | null;
                        };
                        history: {
                            /** @enum {string} */
                            action: "revoke" | "suspend" | "reinstate";
                            reason: string | null;
                            actor: string;
                            /** @description a date-time, UTC (2026-03-01T10:00:00Z) */
                            at: string;
                        }[];
                        /** CredentialLinks */
                        links: {
                            self: string;
                            verify: string;
                            qrSvg: string;
                            qrPng: string;
                            /** @description the offline QR (SVG): the whole signed credential in the link, or the link-only code when it does not fit */
                            qrOfflineSvg: string;
                            /** @description the offline QR (PNG) */
                            qrOfflinePng: string;
                            learnerPage: string;
                            badgePng: string;
                            badgeSvg: string;
                        };
                        /** OfflineQr */
                        offlineQr: {
                            /** @description whether the whole signed credential fits the offline QR at maxVersion or below; when not, qr-offline.* is the link-only code */
                            fits: boolean;
                            /** @description the QR version the offline code needs (above maxVersion when it does not fit); null for a credential without a vc+jwt */
                            version: number | null;
                            /** @description the largest version printed (error correction M) */
                            maxVersion: number;
                            /** @description the digits of the numeric segment carrying the credential; null without a vc+jwt */
                            payloadDigits: number | null;
                        };
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["Internal"];
        };
    };
    verify: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    credential: {
                        [key: string]: unknown;
                    };
                } | {
                    jwt: string;
                } | {
                    text: string;
                };
                "application/vc+jwt": string;
                "application/vp+jwt": string;
                "application/vc": Record<string, never>;
                "text/plain": string;
                "image/png": string;
                "image/svg+xml": string;
                "multipart/form-data": {
                    file?: string;
                };
            };
        };
        responses: {
            /** @description the verification report: verified or not, and each check */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        verified: boolean;
                        format: ("data-integrity" | "vc+jwt") | null;
                        checks: {
                            /** @enum {string} */
                            id: "format" | "found" | "issuer" | "holder" | "proof" | "validity" | "revocation" | "suspension" | "accreditation" | "credentials";
                            /** @enum {string} */
                            status: "passed" | "failed" | "skipped";
                            message: string;
                            /** @enum {string} */
                            code?: "revoked" | "suspended" | "revoked_or_suspended" | "status_unknown" | "key_compromised" | "expired" | "not_yet_valid";
                        }[];
                        credential: {
                            id?: string;
                            name?: string;
                            issuer: {
                                id: string;
                                name?: string;
                                nameKm?: string;
                                url?: string;
                            };
                            learner: {
                                name?: string;
                                nameKm?: string;
                            };
                            achievement?: {
                                name?: string;
                                nameKm?: string;
                                description?: string;
                                type?: string;
                                code?: string;
                                level?: string;
                                field?: string;
                                hours?: number;
                                skills: {
                                    code?: string;
                                    name: string;
                                    nameKm?: string;
                                    url?: string;
                                }[];
                            };
                            result?: string;
                            validFrom?: string;
                            validUntil?: string;
                        } | null;
                        /** @enum {string} */
                        legacy?: "vc-data-model-1.1" | "vc-jwt-1.1";
                        verifiedAt: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
        };
    };
    getCredential: {
        parameters: {
            query?: {
                /** @description a compatibility form */
                form?: "inji" | "es256";
            };
            header?: never;
            path: {
                /** @description the id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the credential, byte for byte as signed: Data Integrity JSON by default, the vc+jwt for `Accept: application/vc+jwt` */
            200: {
                headers: {
                    /** @description changes when the content changes; send it back in If-None-Match */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                    "application/vc": unknown;
                    "application/vc+jwt": unknown;
                };
            };
            /** @description not modified (If-None-Match) */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    getQrSvg: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the QR code */
            200: {
                headers: {
                    /** @description changes when the content changes; send it back in If-None-Match */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "image/svg+xml": string;
                };
            };
            /** @description not modified (If-None-Match) */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    getQrPng: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the QR code */
            200: {
                headers: {
                    /** @description changes when the content changes; send it back in If-None-Match */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "image/png": string;
                };
            };
            /** @description not modified (If-None-Match) */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    getOfflineQrSvg: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the QR code */
            200: {
                headers: {
                    /** @description `fits; version=N` (the credential is in the code) or `link-only; version=N` */
                    "X-Offline-QR"?: string;
                    /** @description changes when the content changes; send it back in If-None-Match */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "image/svg+xml": string;
                };
            };
            /** @description not modified (If-None-Match) */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    getOfflineQrPng: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the QR code */
            200: {
                headers: {
                    /** @description `fits; version=N` (the credential is in the code) or `link-only; version=N` */
                    "X-Offline-QR"?: string;
                    /** @description changes when the content changes; send it back in If-None-Match */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "image/png": string;
                };
            };
            /** @description not modified (If-None-Match) */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    getBadgePng: {
        parameters: {
            query?: {
                format?: "jwt";
            };
            header?: never;
            path: {
                /** @description the id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the baked badge */
            200: {
                headers: {
                    /** @description changes when the content changes; send it back in If-None-Match */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "image/png": string;
                };
            };
            /** @description not modified (If-None-Match) */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
        };
    };
    getBadgeSvg: {
        parameters: {
            query?: {
                format?: "jwt";
            };
            header?: never;
            path: {
                /** @description the id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the baked badge */
            200: {
                headers: {
                    /** @description changes when the content changes; send it back in If-None-Match */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "image/svg+xml": string;
                };
            };
            /** @description not modified (If-None-Match) */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    getAchievement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the institute's slug */
                slug: string;
                /** @description the key */
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the Achievement */
            200: {
                headers: {
                    /** @description changes when the content changes; send it back in If-None-Match */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/ld+json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description not modified (If-None-Match) */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    getAchievementKm: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the institute's slug */
                slug: string;
                /** @description the key */
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the Achievement in Khmer */
            200: {
                headers: {
                    /** @description changes when the content changes; send it back in If-None-Match */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/ld+json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description not modified (If-None-Match) */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    getAchievementImage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the institute's slug */
                slug: string;
                /** @description the key */
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the image */
            200: {
                headers: {
                    /** @description changes when the content changes; send it back in If-None-Match */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "image/svg+xml": string;
                };
            };
            /** @description not modified (If-None-Match) */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    getStatusList: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the listId */
                listId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the signed status list (vc+jwt for Accept: application/vc+jwt) */
            200: {
                headers: {
                    /** @description changes when the content changes; send it back in If-None-Match */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                    "application/vc": unknown;
                    "application/vc+jwt": unknown;
                };
            };
            /** @description not modified (If-None-Match) */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    getDefaultDid: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the DID document */
            200: {
                headers: {
                    /** @description changes when the content changes; send it back in If-None-Match */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/did+ld+json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description not modified (If-None-Match) */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    getInstituteDid: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the institute's slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the DID document */
            200: {
                headers: {
                    /** @description changes when the content changes; send it back in If-None-Match */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/did+ld+json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description not modified (If-None-Match) */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    getMinistryDid: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the DID document */
            200: {
                headers: {
                    /** @description changes when the content changes; send it back in If-None-Match */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/did+ld+json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description not modified (If-None-Match) */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    getDefaultJwks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the JWK Set */
            200: {
                headers: {
                    /** @description changes when the content changes; send it back in If-None-Match */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        keys: ({
                            kty: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                    };
                };
            };
            /** @description not modified (If-None-Match) */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            500: components["responses"]["Internal"];
        };
    };
    getInstituteJwks: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the institute's slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the JWK Set */
            200: {
                headers: {
                    /** @description changes when the content changes; send it back in If-None-Match */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        keys: ({
                            kty: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                    };
                };
            };
            /** @description not modified (If-None-Match) */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    getRegistry: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the registry credential (vc+jwt for Accept: application/vc+jwt) */
            200: {
                headers: {
                    /** @description changes when the content changes; send it back in If-None-Match */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                    "application/vc+jwt": unknown;
                };
            };
            /** @description not modified */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            500: components["responses"]["Internal"];
        };
    };
    getRegistryJson: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description every institute, its DIDs and accreditation periods */
            200: {
                headers: {
                    /** @description changes when the content changes; send it back in If-None-Match */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ministry: {
                            name: string;
                            did: string;
                        };
                        institutes: {
                            slug: string;
                            name: string;
                            nameKm?: string;
                            url?: string;
                            dids: string[];
                            /** @enum {string} */
                            status: "active" | "suspended";
                            programmes: string[];
                            accreditations: {
                                validFrom: string;
                                validUntil?: string;
                                programmes: string[];
                            }[];
                            /** @description the Ed25519 keys its did:web DIDs ever signed with, so a verifier holding only the registry checks signatures offline */
                            keys?: {
                                id: string;
                                publicKeyMultibase: string;
                                compromisedAt?: string;
                            }[];
                        }[];
                    };
                };
            };
            /** @description not modified */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            500: components["responses"]["Internal"];
        };
    };
    getFederationEntity: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the signed entity configuration */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/entity-statement+jwt": string;
                };
            };
            500: components["responses"]["Internal"];
        };
    };
    federationFetch: {
        parameters: {
            query: {
                sub: string;
                iss?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the signed subordinate statement */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/entity-statement+jwt": string;
                };
            };
            /** @description OpenID Federation error */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description: string;
                    };
                };
            };
            /** @description OpenID Federation error: not a member */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description: string;
                    };
                };
            };
            500: components["responses"]["Internal"];
        };
    };
    federationList: {
        parameters: {
            query?: {
                entity_type?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description entity identifiers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string[];
                };
            };
            /** @description OpenID Federation error */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description: string;
                    };
                };
            };
            500: components["responses"]["Internal"];
        };
    };
    getDccLegacyRegistry: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description members by DID */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        meta: {
                            created_at: string;
                            name: string;
                        };
                        registry: {
                            [key: string]: {
                                name: string;
                                url?: string;
                            };
                        };
                    };
                };
            };
            500: components["responses"]["Internal"];
        };
    };
    listInstitutes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the institutes */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        institutes: {
                            slug: string;
                            name: string;
                            nameKm: string | null;
                            url: string | null;
                            image: string | null;
                            contact: string | null;
                            programmes: string[];
                            /** @enum {string} */
                            status: "active" | "suspended";
                            /** @enum {string} */
                            cryptosuite: "eddsa-rdfc-2022" | "eddsa-jcs-2022";
                            compatibility: {
                                ed25519Signature2020: boolean;
                                es256Jwt: boolean;
                            };
                            /** @description the province the insight reports group it under */
                            province: {
                                /** @enum {string} */
                                code: "KH-12" | "KH-1" | "KH-2" | "KH-3" | "KH-4" | "KH-5" | "KH-6" | "KH-7" | "KH-8" | "KH-9" | "KH-10" | "KH-11" | "KH-13" | "KH-14" | "KH-15" | "KH-16" | "KH-17" | "KH-18" | "KH-19" | "KH-20" | "KH-21" | "KH-22" | "KH-23" | "KH-24" | "KH-25";
                                name: string;
                                nameKm: string;
                            } | null;
                            /** @description its sector code (insight reports) */
                            sector: ("public" | "private" | "ngo") | null;
                            did: string;
                            didKey: string | null;
                            isDefault: boolean;
                            /** @description a date-time, UTC (2026-03-01T10:00:00Z) */
                            createdAt: string;
                            accreditations: {
                                validFrom: string;
                                validUntil: string | null;
                                programmes: string[];
                            }[];
                            keys: {
                                id: string;
                                publicKeyMultibase: string;
                                compromisedAt: string | null;
                            }[];
                        }[];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            500: components["responses"]["Internal"];
        };
    };
    createInstitute: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    slug: string;
                    name: string;
                    nameKm?: string;
                    url?: string;
                    image?: string;
                    contact?: string;
                    programmes?: string[];
                    accreditedFrom?: string;
                    accreditedUntil?: string;
                    /** @enum {string} */
                    cryptosuite?: "eddsa-rdfc-2022" | "eddsa-jcs-2022";
                    province?: string;
                    /** @enum {string} */
                    sector?: "public" | "private" | "ngo";
                };
            };
        };
        responses: {
            /** @description the institute, its DID and first key */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        slug: string;
                        name: string;
                        nameKm: string | null;
                        url: string | null;
                        image: string | null;
                        contact: string | null;
                        programmes: string[];
                        /** @enum {string} */
                        status: "active" | "suspended";
                        /** @enum {string} */
                        cryptosuite: "eddsa-rdfc-2022" | "eddsa-jcs-2022";
                        compatibility: {
                            ed25519Signature2020: boolean;
                            es256Jwt: boolean;
                        };
                        /** @description the province the insight reports group it under */
                        province: {
                            /** @enum {string} */
                            code: "KH-12" | "KH-1" | "KH-2" | "KH-3" | "KH-4" | "KH-5" | "KH-6" | "KH-7" | "KH-8" | "KH-9" | "KH-10" | "KH-11" | "KH-13" | "KH-14" | "KH-15" | "KH-16" | "KH-17" | "KH-18" | "KH-19" | "KH-20" | "KH-21" | "KH-22" | "KH-23" | "KH-24" | "KH-25";
                            name: string;
                            nameKm: string;
                        } | null;
                        /** @description its sector code (insight reports) */
                        sector: ("public" | "private" | "ngo") | null;
                        did: string;
                        didKey: string | null;
                        isDefault: boolean;
                        /** @description a date-time, UTC (2026-03-01T10:00:00Z) */
                        createdAt: string;
                        accreditations: {
                            validFrom: string;
                            validUntil: string | null;
                            programmes: string[];
                        }[];
                        keys: {
                            id: string;
                            publicKeyMultibase: string;
                            compromisedAt: string | null;
                        }[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    getInstitute: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the institute's slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the institute */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        slug: string;
                        name: string;
                        nameKm: string | null;
                        url: string | null;
                        image: string | null;
                        contact: string | null;
                        programmes: string[];
                        /** @enum {string} */
                        status: "active" | "suspended";
                        /** @enum {string} */
                        cryptosuite: "eddsa-rdfc-2022" | "eddsa-jcs-2022";
                        compatibility: {
                            ed25519Signature2020: boolean;
                            es256Jwt: boolean;
                        };
                        /** @description the province the insight reports group it under */
                        province: {
                            /** @enum {string} */
                            code: "KH-12" | "KH-1" | "KH-2" | "KH-3" | "KH-4" | "KH-5" | "KH-6" | "KH-7" | "KH-8" | "KH-9" | "KH-10" | "KH-11" | "KH-13" | "KH-14" | "KH-15" | "KH-16" | "KH-17" | "KH-18" | "KH-19" | "KH-20" | "KH-21" | "KH-22" | "KH-23" | "KH-24" | "KH-25";
                            name: string;
                            nameKm: string;
                        } | null;
                        /** @description its sector code (insight reports) */
                        sector: ("public" | "private" | "ngo") | null;
                        did: string;
                        didKey: string | null;
                        isDefault: boolean;
                        /** @description a date-time, UTC (2026-03-01T10:00:00Z) */
                        createdAt: string;
                        accreditations: {
                            validFrom: string;
                            validUntil: string | null;
                            programmes: string[];
                        }[];
                        keys: {
                            id: string;
                            publicKeyMultibase: string;
                            compromisedAt: string | null;
                        }[];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    updateInstitute: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the institute's slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    nameKm?: string | null;
                    url?: string | null;
                    image?: string | null;
                    contact?: string | null;
                    programmes?: string[];
                    /** @enum {string} */
                    cryptosuite?: "eddsa-rdfc-2022" | "eddsa-jcs-2022";
                    province?: string | null;
                    sector?: ("public" | "private" | "ngo") | null;
                    compatibility?: {
                        ed25519Signature2020?: boolean;
                        es256Jwt?: boolean;
                    };
                };
            };
        };
        responses: {
            /** @description the institute */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        slug: string;
                        name: string;
                        nameKm: string | null;
                        url: string | null;
                        image: string | null;
                        contact: string | null;
                        programmes: string[];
                        /** @enum {string} */
                        status: "active" | "suspended";
                        /** @enum {string} */
                        cryptosuite: "eddsa-rdfc-2022" | "eddsa-jcs-2022";
                        compatibility: {
                            ed25519Signature2020: boolean;
                            es256Jwt: boolean;
                        };
                        /** @description the province the insight reports group it under */
                        province: {
                            /** @enum {string} */
                            code: "KH-12" | "KH-1" | "KH-2" | "KH-3" | "KH-4" | "KH-5" | "KH-6" | "KH-7" | "KH-8" | "KH-9" | "KH-10" | "KH-11" | "KH-13" | "KH-14" | "KH-15" | "KH-16" | "KH-17" | "KH-18" | "KH-19" | "KH-20" | "KH-21" | "KH-22" | "KH-23" | "KH-24" | "KH-25";
                            name: string;
                            nameKm: string;
                        } | null;
                        /** @description its sector code (insight reports) */
                        sector: ("public" | "private" | "ngo") | null;
                        did: string;
                        didKey: string | null;
                        isDefault: boolean;
                        /** @description a date-time, UTC (2026-03-01T10:00:00Z) */
                        createdAt: string;
                        accreditations: {
                            validFrom: string;
                            validUntil: string | null;
                            programmes: string[];
                        }[];
                        keys: {
                            id: string;
                            publicKeyMultibase: string;
                            compromisedAt: string | null;
                        }[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    accreditInstitute: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the institute's slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    validFrom: string;
                    validUntil?: string;
                    programmes?: string[];
                };
            };
        };
        responses: {
            /** @description the institute */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        slug: string;
                        name: string;
                        nameKm: string | null;
                        url: string | null;
                        image: string | null;
                        contact: string | null;
                        programmes: string[];
                        /** @enum {string} */
                        status: "active" | "suspended";
                        /** @enum {string} */
                        cryptosuite: "eddsa-rdfc-2022" | "eddsa-jcs-2022";
                        compatibility: {
                            ed25519Signature2020: boolean;
                            es256Jwt: boolean;
                        };
                        /** @description the province the insight reports group it under */
                        province: {
                            /** @enum {string} */
                            code: "KH-12" | "KH-1" | "KH-2" | "KH-3" | "KH-4" | "KH-5" | "KH-6" | "KH-7" | "KH-8" | "KH-9" | "KH-10" | "KH-11" | "KH-13" | "KH-14" | "KH-15" | "KH-16" | "KH-17" | "KH-18" | "KH-19" | "KH-20" | "KH-21" | "KH-22" | "KH-23" | "KH-24" | "KH-25";
                            name: string;
                            nameKm: string;
                        } | null;
                        /** @description its sector code (insight reports) */
                        sector: ("public" | "private" | "ngo") | null;
                        did: string;
                        didKey: string | null;
                        isDefault: boolean;
                        /** @description a date-time, UTC (2026-03-01T10:00:00Z) */
                        createdAt: string;
                        accreditations: {
                            validFrom: string;
                            validUntil: string | null;
                            programmes: string[];
                        }[];
                        keys: {
                            id: string;
                            publicKeyMultibase: string;
                            compromisedAt: string | null;
                        }[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["Internal"];
        };
    };
    suspendInstitute: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the institute's slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the institute */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        slug: string;
                        name: string;
                        nameKm: string | null;
                        url: string | null;
                        image: string | null;
                        contact: string | null;
                        programmes: string[];
                        /** @enum {string} */
                        status: "active" | "suspended";
                        /** @enum {string} */
                        cryptosuite: "eddsa-rdfc-2022" | "eddsa-jcs-2022";
                        compatibility: {
                            ed25519Signature2020: boolean;
                            es256Jwt: boolean;
                        };
                        /** @description the province the insight reports group it under */
                        province: {
                            /** @enum {string} */
                            code: "KH-12" | "KH-1" | "KH-2" | "KH-3" | "KH-4" | "KH-5" | "KH-6" | "KH-7" | "KH-8" | "KH-9" | "KH-10" | "KH-11" | "KH-13" | "KH-14" | "KH-15" | "KH-16" | "KH-17" | "KH-18" | "KH-19" | "KH-20" | "KH-21" | "KH-22" | "KH-23" | "KH-24" | "KH-25";
                            name: string;
                            nameKm: string;
                        } | null;
                        /** @description its sector code (insight reports) */
                        sector: ("public" | "private" | "ngo") | null;
                        did: string;
                        didKey: string | null;
                        isDefault: boolean;
                        /** @description a date-time, UTC (2026-03-01T10:00:00Z) */
                        createdAt: string;
                        accreditations: {
                            validFrom: string;
                            validUntil: string | null;
                            programmes: string[];
                        }[];
                        keys: {
                            id: string;
                            publicKeyMultibase: string;
                            compromisedAt: string | null;
                        }[];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    listApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the institute's slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the keys */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        apiKeys: {
                            id: string;
                            label: string;
                            scopes: ("issue" | "revoke" | "admin")[];
                            /** @description a date-time, UTC (2026-03-01T10:00:00Z) */
                            createdAt: string;
                            expiresAt: string | null;
                            lastUsedAt: string | null;
                            revokedAt: string | null;
                        }[];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the institute's slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    label: string;
                    scopes: ("issue" | "revoke" | "admin")[];
                    expiresAt?: string;
                };
            };
        };
        responses: {
            /** @description the key, with its secret this once */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        label: string;
                        scopes: ("issue" | "revoke" | "admin")[];
                        /** @description a date-time, UTC (2026-03-01T10:00:00Z) */
                        createdAt: string;
                        expiresAt: string | null;
                        lastUsedAt: string | null;
                        revokedAt: string | null;
                        /** @description the secret: shown once, only its hash is stored */
                        key: string;
                        note: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["Internal"];
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the institute's slug */
                slug: string;
                /** @description the id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the revoked key */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        label: string;
                        scopes: ("issue" | "revoke" | "admin")[];
                        /** @description a date-time, UTC (2026-03-01T10:00:00Z) */
                        createdAt: string;
                        expiresAt: string | null;
                        lastUsedAt: string | null;
                        revokedAt: string | null;
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            500: components["responses"]["Internal"];
        };
    };
    listSigningKeys: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the institute's slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description public halves only */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        keys: {
                            id: string;
                            controller: string;
                            /** @enum {string} */
                            type: "Ed25519" | "P-256";
                            /** @enum {string} */
                            status: "active" | "retired";
                            publicKeyMultibase: string;
                            /** @description a date-time, UTC (2026-03-01T10:00:00Z) */
                            createdAt: string;
                            retiredAt: string | null;
                            compromisedAt: string | null;
                        }[];
                        activeKey: string | null;
                        activeP256Key?: string;
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    rotateSigningKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the institute's slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the institute and its new active key */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        slug: string;
                        name: string;
                        nameKm: string | null;
                        url: string | null;
                        image: string | null;
                        contact: string | null;
                        programmes: string[];
                        /** @enum {string} */
                        status: "active" | "suspended";
                        /** @enum {string} */
                        cryptosuite: "eddsa-rdfc-2022" | "eddsa-jcs-2022";
                        compatibility: {
                            ed25519Signature2020: boolean;
                            es256Jwt: boolean;
                        };
                        /** @description the province the insight reports group it under */
                        province: {
                            /** @enum {string} */
                            code: "KH-12" | "KH-1" | "KH-2" | "KH-3" | "KH-4" | "KH-5" | "KH-6" | "KH-7" | "KH-8" | "KH-9" | "KH-10" | "KH-11" | "KH-13" | "KH-14" | "KH-15" | "KH-16" | "KH-17" | "KH-18" | "KH-19" | "KH-20" | "KH-21" | "KH-22" | "KH-23" | "KH-24" | "KH-25";
                            name: string;
                            nameKm: string;
                        } | null;
                        /** @description its sector code (insight reports) */
                        sector: ("public" | "private" | "ngo") | null;
                        did: string;
                        didKey: string | null;
                        isDefault: boolean;
                        /** @description a date-time, UTC (2026-03-01T10:00:00Z) */
                        createdAt: string;
                        accreditations: {
                            validFrom: string;
                            validUntil: string | null;
                            programmes: string[];
                        }[];
                        keys: {
                            id: string;
                            publicKeyMultibase: string;
                            compromisedAt: string | null;
                        }[];
                        activeKey: string;
                        activeP256Key?: string;
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["Unprocessable"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    reportKeyCompromised: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the institute's slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    keyId: string;
                    since: string;
                };
            };
        };
        responses: {
            /** @description the institute */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        slug: string;
                        name: string;
                        nameKm: string | null;
                        url: string | null;
                        image: string | null;
                        contact: string | null;
                        programmes: string[];
                        /** @enum {string} */
                        status: "active" | "suspended";
                        /** @enum {string} */
                        cryptosuite: "eddsa-rdfc-2022" | "eddsa-jcs-2022";
                        compatibility: {
                            ed25519Signature2020: boolean;
                            es256Jwt: boolean;
                        };
                        /** @description the province the insight reports group it under */
                        province: {
                            /** @enum {string} */
                            code: "KH-12" | "KH-1" | "KH-2" | "KH-3" | "KH-4" | "KH-5" | "KH-6" | "KH-7" | "KH-8" | "KH-9" | "KH-10" | "KH-11" | "KH-13" | "KH-14" | "KH-15" | "KH-16" | "KH-17" | "KH-18" | "KH-19" | "KH-20" | "KH-21" | "KH-22" | "KH-23" | "KH-24" | "KH-25";
                            name: string;
                            nameKm: string;
                        } | null;
                        /** @description its sector code (insight reports) */
                        sector: ("public" | "private" | "ngo") | null;
                        did: string;
                        didKey: string | null;
                        isDefault: boolean;
                        /** @description a date-time, UTC (2026-03-01T10:00:00Z) */
                        createdAt: string;
                        accreditations: {
                            validFrom: string;
                            validUntil: string | null;
                            programmes: string[];
                        }[];
                        keys: {
                            id: string;
                            publicKeyMultibase: string;
                            compromisedAt: string | null;
                        }[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["Internal"];
        };
    };
    listAudit: {
        parameters: {
            query?: {
                after?: number;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description a page of entries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        entries: {
                            seq: number;
                            /** @description a date-time, UTC (2026-03-01T10:00:00Z) */
                            at: string;
                            actor: string;
                            instituteId: string | null;
                            action: string;
                            target: string;
                            details: unknown;
                            prevHash: string;
                            hash: string;
                        }[];
                        /** @description the next page's path, or null on the last page */
                        next: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["Internal"];
        };
    };
    listTemplates: {
        parameters: {
            query?: {
                /** @description the ministry's token acts for the default institute unless this names another (its slug); an institute key acts for its own */
                institute?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the templates */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        templates: {
                            code: string;
                            name: string;
                            nameKm?: string;
                            description: string;
                            descriptionKm?: string;
                            criteria: string;
                            type?: ("Achievement" | "ApprenticeshipCertificate" | "Assessment" | "Assignment" | "AssociateDegree" | "Award" | "Badge" | "BachelorDegree" | "Certificate" | "CertificateOfCompletion" | "Certification" | "CommunityService" | "Competency" | "Course" | "CoCurricular" | "Degree" | "Diploma" | "DoctoralDegree" | "Fieldwork" | "GeneralEducationDevelopment" | "JourneymanCertificate" | "LearningProgram" | "License" | "Membership" | "ProfessionalDoctorate" | "QualityAssuranceCredential" | "MasterCertificate" | "MasterDegree" | "MicroCredential" | "ResearchDoctorate" | "SecondarySchoolDiploma") | string;
                            level?: string;
                            field?: string;
                            units?: {
                                code: string;
                                name: string;
                                nameKm?: string;
                                url?: string;
                            }[];
                            hours?: number;
                            validityMonths?: number;
                            version: number;
                            /** @description a date-time, UTC (2026-03-01T10:00:00Z) */
                            createdAt: string;
                            createdBy: string;
                        }[];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    createTemplate: {
        parameters: {
            query?: {
                /** @description the ministry's token acts for the default institute unless this names another (its slug); an institute key acts for its own */
                institute?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    code: string;
                    name: string;
                    nameKm?: string;
                    description: string;
                    descriptionKm?: string;
                    criteria: string;
                    type?: ("Achievement" | "ApprenticeshipCertificate" | "Assessment" | "Assignment" | "AssociateDegree" | "Award" | "Badge" | "BachelorDegree" | "Certificate" | "CertificateOfCompletion" | "Certification" | "CommunityService" | "Competency" | "Course" | "CoCurricular" | "Degree" | "Diploma" | "DoctoralDegree" | "Fieldwork" | "GeneralEducationDevelopment" | "JourneymanCertificate" | "LearningProgram" | "License" | "Membership" | "ProfessionalDoctorate" | "QualityAssuranceCredential" | "MasterCertificate" | "MasterDegree" | "MicroCredential" | "ResearchDoctorate" | "SecondarySchoolDiploma") | string;
                    level?: string;
                    field?: string;
                    units?: {
                        code: string;
                        name: string;
                        nameKm?: string;
                        url?: string;
                    }[];
                    hours?: number;
                    validityMonths?: number;
                };
            };
        };
        responses: {
            /** @description the template */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: string;
                        name: string;
                        nameKm?: string;
                        description: string;
                        descriptionKm?: string;
                        criteria: string;
                        type?: ("Achievement" | "ApprenticeshipCertificate" | "Assessment" | "Assignment" | "AssociateDegree" | "Award" | "Badge" | "BachelorDegree" | "Certificate" | "CertificateOfCompletion" | "Certification" | "CommunityService" | "Competency" | "Course" | "CoCurricular" | "Degree" | "Diploma" | "DoctoralDegree" | "Fieldwork" | "GeneralEducationDevelopment" | "JourneymanCertificate" | "LearningProgram" | "License" | "Membership" | "ProfessionalDoctorate" | "QualityAssuranceCredential" | "MasterCertificate" | "MasterDegree" | "MicroCredential" | "ResearchDoctorate" | "SecondarySchoolDiploma") | string;
                        level?: string;
                        field?: string;
                        units?: {
                            code: string;
                            name: string;
                            nameKm?: string;
                            url?: string;
                        }[];
                        hours?: number;
                        validityMonths?: number;
                        version: number;
                        /** @description a date-time, UTC (2026-03-01T10:00:00Z) */
                        createdAt: string;
                        createdBy: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["Internal"];
        };
    };
    getTemplate: {
        parameters: {
            query?: {
                /** @description the ministry's token acts for the default institute unless this names another (its slug); an institute key acts for its own */
                institute?: string;
                version?: number;
            };
            header?: never;
            path: {
                /** @description the code */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the template */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: string;
                        name: string;
                        nameKm?: string;
                        description: string;
                        descriptionKm?: string;
                        criteria: string;
                        type?: ("Achievement" | "ApprenticeshipCertificate" | "Assessment" | "Assignment" | "AssociateDegree" | "Award" | "Badge" | "BachelorDegree" | "Certificate" | "CertificateOfCompletion" | "Certification" | "CommunityService" | "Competency" | "Course" | "CoCurricular" | "Degree" | "Diploma" | "DoctoralDegree" | "Fieldwork" | "GeneralEducationDevelopment" | "JourneymanCertificate" | "LearningProgram" | "License" | "Membership" | "ProfessionalDoctorate" | "QualityAssuranceCredential" | "MasterCertificate" | "MasterDegree" | "MicroCredential" | "ResearchDoctorate" | "SecondarySchoolDiploma") | string;
                        level?: string;
                        field?: string;
                        units?: {
                            code: string;
                            name: string;
                            nameKm?: string;
                            url?: string;
                        }[];
                        hours?: number;
                        validityMonths?: number;
                        version: number;
                        /** @description a date-time, UTC (2026-03-01T10:00:00Z) */
                        createdAt: string;
                        createdBy: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    updateTemplate: {
        parameters: {
            query?: {
                /** @description the ministry's token acts for the default institute unless this names another (its slug); an institute key acts for its own */
                institute?: string;
            };
            header?: never;
            path: {
                /** @description the code */
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    code?: string;
                    name: string;
                    nameKm?: string;
                    description: string;
                    descriptionKm?: string;
                    criteria: string;
                    type?: ("Achievement" | "ApprenticeshipCertificate" | "Assessment" | "Assignment" | "AssociateDegree" | "Award" | "Badge" | "BachelorDegree" | "Certificate" | "CertificateOfCompletion" | "Certification" | "CommunityService" | "Competency" | "Course" | "CoCurricular" | "Degree" | "Diploma" | "DoctoralDegree" | "Fieldwork" | "GeneralEducationDevelopment" | "JourneymanCertificate" | "LearningProgram" | "License" | "Membership" | "ProfessionalDoctorate" | "QualityAssuranceCredential" | "MasterCertificate" | "MasterDegree" | "MicroCredential" | "ResearchDoctorate" | "SecondarySchoolDiploma") | string;
                    level?: string;
                    field?: string;
                    units?: {
                        code: string;
                        name: string;
                        nameKm?: string;
                        url?: string;
                    }[];
                    hours?: number;
                    validityMonths?: number;
                };
            };
        };
        responses: {
            /** @description the new version */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: string;
                        name: string;
                        nameKm?: string;
                        description: string;
                        descriptionKm?: string;
                        criteria: string;
                        type?: ("Achievement" | "ApprenticeshipCertificate" | "Assessment" | "Assignment" | "AssociateDegree" | "Award" | "Badge" | "BachelorDegree" | "Certificate" | "CertificateOfCompletion" | "Certification" | "CommunityService" | "Competency" | "Course" | "CoCurricular" | "Degree" | "Diploma" | "DoctoralDegree" | "Fieldwork" | "GeneralEducationDevelopment" | "JourneymanCertificate" | "LearningProgram" | "License" | "Membership" | "ProfessionalDoctorate" | "QualityAssuranceCredential" | "MasterCertificate" | "MasterDegree" | "MicroCredential" | "ResearchDoctorate" | "SecondarySchoolDiploma") | string;
                        level?: string;
                        field?: string;
                        units?: {
                            code: string;
                            name: string;
                            nameKm?: string;
                            url?: string;
                        }[];
                        hours?: number;
                        validityMonths?: number;
                        version: number;
                        /** @description a date-time, UTC (2026-03-01T10:00:00Z) */
                        createdAt: string;
                        createdBy: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["Internal"];
        };
    };
    addTemplateVersion: {
        parameters: {
            query?: {
                /** @description the ministry's token acts for the default institute unless this names another (its slug); an institute key acts for its own */
                institute?: string;
            };
            header?: never;
            path: {
                /** @description the code */
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    code?: string;
                    name: string;
                    nameKm?: string;
                    description: string;
                    descriptionKm?: string;
                    criteria: string;
                    type?: ("Achievement" | "ApprenticeshipCertificate" | "Assessment" | "Assignment" | "AssociateDegree" | "Award" | "Badge" | "BachelorDegree" | "Certificate" | "CertificateOfCompletion" | "Certification" | "CommunityService" | "Competency" | "Course" | "CoCurricular" | "Degree" | "Diploma" | "DoctoralDegree" | "Fieldwork" | "GeneralEducationDevelopment" | "JourneymanCertificate" | "LearningProgram" | "License" | "Membership" | "ProfessionalDoctorate" | "QualityAssuranceCredential" | "MasterCertificate" | "MasterDegree" | "MicroCredential" | "ResearchDoctorate" | "SecondarySchoolDiploma") | string;
                    level?: string;
                    field?: string;
                    units?: {
                        code: string;
                        name: string;
                        nameKm?: string;
                        url?: string;
                    }[];
                    hours?: number;
                    validityMonths?: number;
                };
            };
        };
        responses: {
            /** @description the new version */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: string;
                        name: string;
                        nameKm?: string;
                        description: string;
                        descriptionKm?: string;
                        criteria: string;
                        type?: ("Achievement" | "ApprenticeshipCertificate" | "Assessment" | "Assignment" | "AssociateDegree" | "Award" | "Badge" | "BachelorDegree" | "Certificate" | "CertificateOfCompletion" | "Certification" | "CommunityService" | "Competency" | "Course" | "CoCurricular" | "Degree" | "Diploma" | "DoctoralDegree" | "Fieldwork" | "GeneralEducationDevelopment" | "JourneymanCertificate" | "LearningProgram" | "License" | "Membership" | "ProfessionalDoctorate" | "QualityAssuranceCredential" | "MasterCertificate" | "MasterDegree" | "MicroCredential" | "ResearchDoctorate" | "SecondarySchoolDiploma") | string;
                        level?: string;
                        field?: string;
                        units?: {
                            code: string;
                            name: string;
                            nameKm?: string;
                            url?: string;
                        }[];
                        hours?: number;
                        validityMonths?: number;
                        version: number;
                        /** @description a date-time, UTC (2026-03-01T10:00:00Z) */
                        createdAt: string;
                        createdBy: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["Internal"];
        };
    };
    listBatches: {
        parameters: {
            query?: {
                /** @description the ministry's token acts for the default institute unless this names another (its slug); an institute key acts for its own */
                institute?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the batches */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        batches: {
                            id: string;
                            /** @enum {string} */
                            state: "issuing" | "done";
                            /** @description a date-time, UTC (2026-03-01T10:00:00Z) */
                            createdAt: string;
                            /** @description a date-time, UTC (2026-03-01T10:00:00Z) */
                            updatedAt: string;
                            counts: {
                                total: number;
                                pending: number;
                                issued: number;
                                existing: number;
                                failed: number;
                            };
                            links: {
                                self: string;
                                results: string;
                            };
                        }[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    submitBatch: {
        parameters: {
            query?: {
                /** @description check only; nothing is signed */
                dryRun?: "true" | "false" | "1" | "0" | "yes" | "no" | "";
                /** @description issue the valid rows of a file with problems */
                validRowsOnly?: "true" | "false" | "1" | "0" | "yes" | "no" | "";
                /** @description answer 202 at once and issue in the background */
                async?: "true" | "false" | "1" | "0" | "yes" | "no" | "";
                /** @description the template code, for a sheet without a template column */
                template?: string;
                /** @description the ministry's token acts for the default institute unless this names another (its slug); an institute key acts for its own */
                institute?: string;
            };
            header?: {
                /** @description makes a retried upload safe: one batch per key and file */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "text/csv": string;
                "application/json": Record<string, never>[];
            };
        };
        responses: {
            /** @description a dry run's check, or the batch an earlier request with this Idempotency-Key made */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        dryRun: true;
                        summary: {
                            rows: number;
                            valid: number;
                            invalid: number;
                            problems: number;
                        } & {
                            [key: string]: unknown;
                        };
                        problems: ({
                            row: number;
                            column?: string;
                            message: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        warnings: {
                            [key: string]: unknown;
                        }[];
                        rows: {
                            [key: string]: unknown;
                        }[];
                    } | {
                        id: string;
                        /** @enum {string} */
                        state: "issuing" | "done";
                        /** @description a date-time, UTC (2026-03-01T10:00:00Z) */
                        createdAt: string;
                        /** @description a date-time, UTC (2026-03-01T10:00:00Z) */
                        updatedAt: string;
                        counts: {
                            total: number;
                            pending: number;
                            issued: number;
                            existing: number;
                            failed: number;
                        };
                        /** @description the check of the file when it was submitted: summary, problems, warnings */
                        validation: unknown;
                        rows?: {
                            row: number;
                            studentId: string | null;
                            name: string;
                            template: string;
                            /** @enum {string} */
                            status: "pending" | "issued" | "existing" | "failed";
                            credentialId: string | null;
                            link?: string;
                            verifyUrl?: string;
                            error?: string;
                        }[];
                        links: {
                            self: string;
                            results: string;
                            qrZip: string;
                        };
                    };
                };
            };
            /** @description the batch, issued */
            201: {
                headers: {
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @enum {string} */
                        state: "issuing" | "done";
                        /** @description a date-time, UTC (2026-03-01T10:00:00Z) */
                        createdAt: string;
                        /** @description a date-time, UTC (2026-03-01T10:00:00Z) */
                        updatedAt: string;
                        counts: {
                            total: number;
                            pending: number;
                            issued: number;
                            existing: number;
                            failed: number;
                        };
                        /** @description the check of the file when it was submitted: summary, problems, warnings */
                        validation: unknown;
                        rows?: {
                            row: number;
                            studentId: string | null;
                            name: string;
                            template: string;
                            /** @enum {string} */
                            status: "pending" | "issued" | "existing" | "failed";
                            credentialId: string | null;
                            link?: string;
                            verifyUrl?: string;
                            error?: string;
                        }[];
                        links: {
                            self: string;
                            results: string;
                            qrZip: string;
                        };
                    };
                };
            };
            /** @description the batch, issuing in the background; poll its URL */
            202: {
                headers: {
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @enum {string} */
                        state: "issuing" | "done";
                        /** @description a date-time, UTC (2026-03-01T10:00:00Z) */
                        createdAt: string;
                        /** @description a date-time, UTC (2026-03-01T10:00:00Z) */
                        updatedAt: string;
                        counts: {
                            total: number;
                            pending: number;
                            issued: number;
                            existing: number;
                            failed: number;
                        };
                        /** @description the check of the file when it was submitted: summary, problems, warnings */
                        validation: unknown;
                        rows?: {
                            row: number;
                            studentId: string | null;
                            name: string;
                            template: string;
                            /** @enum {string} */
                            status: "pending" | "issued" | "existing" | "failed";
                            credentialId: string | null;
                            link?: string;
                            verifyUrl?: string;
                            error?: string;
                        }[];
                        links: {
                            self: string;
                            results: string;
                            qrZip: string;
                        };
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description the file has problems (nothing issued), no valid rows, or the Idempotency-Key was used for another file */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "invalid_json" | "invalid_request" | "unknown_field" | "unauthorized" | "forbidden" | "not_found" | "method_not_allowed" | "conflict" | "payload_too_large" | "unsupported_media_type" | "undefined_term" | "unprocessable" | "idempotency_key_reused" | "rate_limited" | "internal" | "unavailable";
                            message: string;
                            details?: {
                                path: string;
                                message: string;
                            }[];
                            requestId?: string;
                        };
                        problems: ({
                            row: number;
                            column?: string;
                            message: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        warnings: {
                            [key: string]: unknown;
                        }[];
                        summary: {
                            rows: number;
                            valid: number;
                            invalid: number;
                            problems: number;
                        } & {
                            [key: string]: unknown;
                        };
                    } | {
                        error: {
                            /** @enum {string} */
                            code: "invalid_json" | "invalid_request" | "unknown_field" | "unauthorized" | "forbidden" | "not_found" | "method_not_allowed" | "conflict" | "payload_too_large" | "unsupported_media_type" | "undefined_term" | "unprocessable" | "idempotency_key_reused" | "rate_limited" | "internal" | "unavailable";
                            message: string;
                            details?: {
                                path: string;
                                message: string;
                            }[];
                            requestId?: string;
                        };
                    };
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
        };
    };
    getBatch: {
        parameters: {
            query?: {
                /** @description false: the state and counts only, for polling */
                rows?: "true" | "false" | "1" | "0" | "yes" | "no" | "";
            };
            header?: never;
            path: {
                /** @description the id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the batch */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @enum {string} */
                        state: "issuing" | "done";
                        /** @description a date-time, UTC (2026-03-01T10:00:00Z) */
                        createdAt: string;
                        /** @description a date-time, UTC (2026-03-01T10:00:00Z) */
                        updatedAt: string;
                        counts: {
                            total: number;
                            pending: number;
                            issued: number;
                            existing: number;
                            failed: number;
                        };
                        /** @description the check of the file when it was submitted: summary, problems, warnings */
                        validation: unknown;
                        rows?: {
                            row: number;
                            studentId: string | null;
                            name: string;
                            template: string;
                            /** @enum {string} */
                            status: "pending" | "issued" | "existing" | "failed";
                            credentialId: string | null;
                            link?: string;
                            verifyUrl?: string;
                            error?: string;
                        }[];
                        links: {
                            self: string;
                            results: string;
                            qrZip: string;
                        };
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    resumeBatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the batch */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @enum {string} */
                        state: "issuing" | "done";
                        /** @description a date-time, UTC (2026-03-01T10:00:00Z) */
                        createdAt: string;
                        /** @description a date-time, UTC (2026-03-01T10:00:00Z) */
                        updatedAt: string;
                        counts: {
                            total: number;
                            pending: number;
                            issued: number;
                            existing: number;
                            failed: number;
                        };
                        /** @description the check of the file when it was submitted: summary, problems, warnings */
                        validation: unknown;
                        rows?: {
                            row: number;
                            studentId: string | null;
                            name: string;
                            template: string;
                            /** @enum {string} */
                            status: "pending" | "issued" | "existing" | "failed";
                            credentialId: string | null;
                            link?: string;
                            verifyUrl?: string;
                            error?: string;
                        }[];
                        links: {
                            self: string;
                            results: string;
                            qrZip: string;
                        };
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    getBatchResults: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description one line per row: names, credential id, links, outcome */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    getBatchQrZip: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description svg/ and png/ QR codes */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/zip": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    createWalletOffer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    expiresInDays?: number;
                };
            };
        };
        responses: {
            /** @description the offer: its links, QR codes and PIN */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the offer's secret id: it is in every URL of the offer */
                        offerId: string;
                        /** @description the offer's public reference (audit entries, the console) */
                        ref: string;
                        /** @description the interaction URL: a page opening the wallets, or with ?iuv=1 the protocols */
                        url: string;
                        /** @description the openid-credential-offer:// link (OpenID4VCI 1.0) */
                        openid4vci: string;
                        /** @description the same offer for draft 13 wallets */
                        openid4vciDraft13: string;
                        /** @description the interaction URL a wallet reads (?iuv=1) */
                        interaction: string;
                        /** @description the Learner Credential Wallet deep link */
                        lcw: string;
                        /** @description the PIN (tx_code) the learner types: shown this once, only its hash is stored */
                        txCode: string;
                        /** @description a date-time, UTC (2026-03-01T10:00:00Z) */
                        expiresAt: string;
                        links: {
                            qrSvg: string;
                            qrPng: string;
                            openid4vciQrSvg: string;
                            openid4vciQrPng: string;
                        };
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            500: components["responses"]["Internal"];
        };
    };
    revokeWalletOffers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description how many were withdrawn */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description how many open offers of the credential were withdrawn */
                        revoked: number;
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    createCohortWalletOffers: {
        parameters: {
            query?: {
                /** @description the offers' lifetime in days */
                expiresInDays?: number;
            };
            header?: never;
            path: {
                /** @description the id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description each row's offer and PIN, or why it has none (JSON); the sheet and QR codes (application/zip) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        offers: {
                            row: number;
                            studentId: string | null;
                            credentialId: string | null;
                            /** @description the offer's secret id: it is in every URL of the offer */
                            offerId: string;
                            /** @description the offer's public reference (audit entries, the console) */
                            ref: string;
                            /** @description the interaction URL: a page opening the wallets, or with ?iuv=1 the protocols */
                            url: string;
                            /** @description the openid-credential-offer:// link (OpenID4VCI 1.0) */
                            openid4vci: string;
                            /** @description the same offer for draft 13 wallets */
                            openid4vciDraft13: string;
                            /** @description the interaction URL a wallet reads (?iuv=1) */
                            interaction: string;
                            /** @description the Learner Credential Wallet deep link */
                            lcw: string;
                            /** @description the PIN (tx_code) the learner types: shown this once, only its hash is stored */
                            txCode: string;
                            /** @description a date-time, UTC (2026-03-01T10:00:00Z) */
                            expiresAt: string;
                            links: {
                                qrSvg: string;
                                qrPng: string;
                                openid4vciQrSvg: string;
                                openid4vciQrPng: string;
                            };
                        }[];
                        refused: {
                            row: number;
                            studentId: string | null;
                            credentialId: string | null;
                            /** @description why the row has no offer (its credential is revoked or suspended) */
                            reason: string;
                        }[];
                    };
                    "application/zip": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            500: components["responses"]["Internal"];
        };
    };
    getCredentialIssuerMetadata: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the institute's slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the credential issuer metadata */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        credential_issuer: string;
                        credential_endpoint: string;
                        /** @description OpenID4VCI 1.0 only */
                        nonce_endpoint?: string;
                        display?: ({
                            name: string;
                            locale?: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        credential_configurations_supported: {
                            [key: string]: {
                                /** @enum {string} */
                                format: "ldp_vc" | "jwt_vc_json";
                                credential_definition: {
                                    type: string[];
                                } & {
                                    [key: string]: unknown;
                                };
                                credential_signing_alg_values_supported?: string[];
                                cryptographic_binding_methods_supported?: string[];
                                proof_types_supported?: {
                                    [key: string]: {
                                        proof_signing_alg_values_supported: string[];
                                    } & {
                                        [key: string]: unknown;
                                    };
                                };
                                display?: ({
                                    name: string;
                                    locale?: string;
                                } & {
                                    [key: string]: unknown;
                                })[];
                            } & {
                                [key: string]: unknown;
                            };
                        };
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description no such credential issuer (OAuth error form) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description: string;
                    };
                };
            };
            500: components["responses"]["Internal"];
        };
    };
    getAuthorizationServerMetadata: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the institute's slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the authorization server metadata */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        issuer: string;
                        token_endpoint: string;
                        grant_types_supported?: string[];
                        token_endpoint_auth_methods_supported?: string[];
                        "pre-authorized_grant_anonymous_access_supported"?: boolean;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description no such credential issuer (OAuth error form) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description: string;
                    };
                };
            };
            500: components["responses"]["Internal"];
        };
    };
    getCredentialIssuerMetadataDraft13: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the institute's slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the credential issuer metadata */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        credential_issuer: string;
                        credential_endpoint: string;
                        /** @description OpenID4VCI 1.0 only */
                        nonce_endpoint?: string;
                        display?: ({
                            name: string;
                            locale?: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        credential_configurations_supported: {
                            [key: string]: {
                                /** @enum {string} */
                                format: "ldp_vc" | "jwt_vc_json";
                                credential_definition: {
                                    type: string[];
                                } & {
                                    [key: string]: unknown;
                                };
                                credential_signing_alg_values_supported?: string[];
                                cryptographic_binding_methods_supported?: string[];
                                proof_types_supported?: {
                                    [key: string]: {
                                        proof_signing_alg_values_supported: string[];
                                    } & {
                                        [key: string]: unknown;
                                    };
                                };
                                display?: ({
                                    name: string;
                                    locale?: string;
                                } & {
                                    [key: string]: unknown;
                                })[];
                            } & {
                                [key: string]: unknown;
                            };
                        };
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description no such credential issuer (OAuth error form) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description: string;
                    };
                };
            };
            500: components["responses"]["Internal"];
        };
    };
    getAuthorizationServerMetadataDraft13: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the institute's slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the authorization server metadata */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        issuer: string;
                        token_endpoint: string;
                        grant_types_supported?: string[];
                        token_endpoint_auth_methods_supported?: string[];
                        "pre-authorized_grant_anonymous_access_supported"?: boolean;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description no such credential issuer (OAuth error form) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description: string;
                    };
                };
            };
            500: components["responses"]["Internal"];
        };
    };
    insightIssuance: {
        parameters: {
            query?: {
                from?: string;
                to?: string;
                groupBy?: string;
                institute?: string;
                format?: "json" | "csv";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the report */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        kind: "issuance";
                        /** @description the first day (YYYY-MM-DD), null: from the start */
                        from: string | null;
                        /** @description the last day, null: up to today */
                        to: string | null;
                        groupBy: string[];
                        /** @description the institute's slug, null: every institute (the ministry) */
                        institute: string | null;
                        rows: {
                            /** @description YYYY-MM */
                            month?: string;
                            /** @description the institute's slug */
                            institute?: string;
                            instituteName?: string;
                            instituteNameKm?: string | null;
                            province?: string | null;
                            provinceName?: string | null;
                            provinceNameKm?: string | null;
                            sector?: string | null;
                            programme?: string;
                            programmeKm?: string | null;
                            level?: string | null;
                            issued: number;
                            /** @description of those issued, revoked since */
                            revoked: number;
                            /** @description of those issued, suspended now */
                            suspended: number;
                        }[];
                    };
                    "text/csv": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    insightIssuanceCsv: {
        parameters: {
            query?: {
                from?: string;
                to?: string;
                groupBy?: string;
                institute?: string;
                format?: "json" | "csv";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the report for Excel: UTF-8 with a BOM, CRLF, a header row; names in English and Khmer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    insightVerification: {
        parameters: {
            query?: {
                from?: string;
                to?: string;
                groupBy?: string;
                institute?: string;
                format?: "json" | "csv";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the report */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        kind: "verification";
                        /** @description the first day (YYYY-MM-DD), null: from the start */
                        from: string | null;
                        /** @description the last day, null: up to today */
                        to: string | null;
                        groupBy: string[];
                        /** @description the institute's slug, null: every institute (the ministry) */
                        institute: string | null;
                        rows: {
                            /** @description YYYY-MM */
                            month?: string;
                            /** @description the institute's slug */
                            institute?: string;
                            instituteName?: string;
                            instituteNameKm?: string | null;
                            province?: string | null;
                            provinceName?: string | null;
                            provinceNameKm?: string | null;
                            sector?: string | null;
                            programme?: string;
                            programmeKm?: string | null;
                            level?: string | null;
                            verdict?: string;
                            channel?: string;
                            verifications: number;
                            /** @description learner-page views (absent when grouped by verdict or channel) */
                            pageViews?: number;
                            /** @description share-card renders (absent when grouped by verdict or channel) */
                            shareCards?: number;
                        }[];
                    };
                    "text/csv": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    insightVerificationCsv: {
        parameters: {
            query?: {
                from?: string;
                to?: string;
                groupBy?: string;
                institute?: string;
                format?: "json" | "csv";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the report for Excel: UTF-8 with a BOM, CRLF, a header row; names in English and Khmer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    listWebhooks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the endpoints */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        endpoints: {
                            /** @description we_… */
                            id: string;
                            url: string;
                            description: string;
                            events: ("credential.issued" | "credential.revoked" | "credential.suspended" | "credential.reinstated" | "batch.completed" | "wallet_offer.claimed" | "institute.accreditation_changed")[];
                            /** @description the institute whose events it receives; null = the ministry's, for every institute */
                            institute: string | null;
                            paused: boolean;
                            createdAt: string;
                            updatedAt: string;
                            /** @description after a rotation: until then each request also carries a signature with the previous secret */
                            previousSecretValidUntil: string | null;
                        }[];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["Internal"];
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description https URL the events are POSTed to (no private or loopback addresses) */
                    url: string;
                    /** @description the event types it receives */
                    events: ("credential.issued" | "credential.revoked" | "credential.suspended" | "credential.reinstated" | "batch.completed" | "wallet_offer.claimed" | "institute.accreditation_changed")[];
                    description?: string;
                    /** @description ministry only: the institute whose events it receives; absent = every institute */
                    institute?: string;
                };
            };
        };
        responses: {
            /** @description registered; the secret is shown this once */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description we_… */
                        id: string;
                        url: string;
                        description: string;
                        events: ("credential.issued" | "credential.revoked" | "credential.suspended" | "credential.reinstated" | "batch.completed" | "wallet_offer.claimed" | "institute.accreditation_changed")[];
                        /** @description the institute whose events it receives; null = the ministry's, for every institute */
                        institute: string | null;
                        paused: boolean;
                        createdAt: string;
                        updatedAt: string;
                        /** @description after a rotation: until then each request also carries a signature with the previous secret */
                        previousSecretValidUntil: string | null;
                        /** @description the signing secret (whsec_…, Standard Webhooks), shown this once */
                        secret: string;
                        note: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    getWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the endpoint */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description we_… */
                        id: string;
                        url: string;
                        description: string;
                        events: ("credential.issued" | "credential.revoked" | "credential.suspended" | "credential.reinstated" | "batch.completed" | "wallet_offer.claimed" | "institute.accreditation_changed")[];
                        /** @description the institute whose events it receives; null = the ministry's, for every institute */
                        institute: string | null;
                        paused: boolean;
                        createdAt: string;
                        updatedAt: string;
                        /** @description after a rotation: until then each request also carries a signature with the previous secret */
                        previousSecretValidUntil: string | null;
                        recentDeliveries: {
                            /** @description the webhook-id header of every attempt */
                            eventId: string;
                            type: string;
                            /** @description what the event is about (a credential, batch or institute id): events of one subject arrive in order */
                            subject: string;
                            occurredAt: string;
                            /** @enum {string} */
                            state: "pending" | "delivered" | "failed";
                            attempts: number;
                            nextAttemptAt: string | null;
                            lastAttemptAt: string | null;
                            lastStatus: number | null;
                            lastError: string | null;
                            deliveredAt: string | null;
                        }[];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    updateWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description https URL the events are POSTed to (no private or loopback addresses) */
                    url?: string;
                    /** @description the event types it receives */
                    events?: ("credential.issued" | "credential.revoked" | "credential.suspended" | "credential.reinstated" | "batch.completed" | "wallet_offer.claimed" | "institute.accreditation_changed")[];
                    description?: string;
                    /** @description paused: nothing is sent (events wait, and are sent when resumed) */
                    paused?: boolean;
                };
            };
        };
        responses: {
            /** @description the endpoint */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description we_… */
                        id: string;
                        url: string;
                        description: string;
                        events: ("credential.issued" | "credential.revoked" | "credential.suspended" | "credential.reinstated" | "batch.completed" | "wallet_offer.claimed" | "institute.accreditation_changed")[];
                        /** @description the institute whose events it receives; null = the ministry's, for every institute */
                        institute: string | null;
                        paused: boolean;
                        createdAt: string;
                        updatedAt: string;
                        /** @description after a rotation: until then each request also carries a signature with the previous secret */
                        previousSecretValidUntil: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["Internal"];
        };
    };
    rotateWebhookSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the new secret, shown this once */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description we_… */
                        id: string;
                        url: string;
                        description: string;
                        events: ("credential.issued" | "credential.revoked" | "credential.suspended" | "credential.reinstated" | "batch.completed" | "wallet_offer.claimed" | "institute.accreditation_changed")[];
                        /** @description the institute whose events it receives; null = the ministry's, for every institute */
                        institute: string | null;
                        paused: boolean;
                        createdAt: string;
                        updatedAt: string;
                        /** @description after a rotation: until then each request also carries a signature with the previous secret */
                        previousSecretValidUntil: string | null;
                        /** @description the signing secret (whsec_…, Standard Webhooks), shown this once */
                        secret: string;
                        note: string;
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    testWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description what the receiver answered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventId: string;
                        attempted: boolean;
                        delivered: boolean;
                        status: number | null;
                        ms: number | null;
                        error: string | null;
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                /** @description the id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description newest event first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        deliveries: {
                            /** @description the webhook-id header of every attempt */
                            eventId: string;
                            type: string;
                            /** @description what the event is about (a credential, batch or institute id): events of one subject arrive in order */
                            subject: string;
                            occurredAt: string;
                            /** @enum {string} */
                            state: "pending" | "delivered" | "failed";
                            attempts: number;
                            nextAttemptAt: string | null;
                            lastAttemptAt: string | null;
                            lastStatus: number | null;
                            lastError: string | null;
                            deliveredAt: string | null;
                        }[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    listWebhookAttempts: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                /** @description the id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        attempts: {
                            eventId: string;
                            type: string;
                            at: string;
                            /** @description the receiver's HTTP status; null when none came */
                            status: number | null;
                            ms: number;
                            /** @description the start of the receiver's answer (at most 512 characters) */
                            response: string | null;
                            error: string | null;
                        }[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    retryWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id */
                id: string;
                /** @description the eventId */
                eventId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description queued */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventId: string;
                        /** @constant */
                        state: "pending";
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            500: components["responses"]["Internal"];
        };
    };
    vcApiIssue: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    credential: {
                        [key: string]: unknown;
                    };
                    options?: {
                        /** @enum {string} */
                        cryptosuite?: "eddsa-rdfc-2022" | "eddsa-jcs-2022";
                        credentialStatus?: {
                            /** @constant */
                            type: "BitstringStatusListEntry";
                            /** @enum {string} */
                            statusPurpose: "revocation" | "suspension";
                        } | {
                            /** @constant */
                            type: "BitstringStatusListEntry";
                            /** @enum {string} */
                            statusPurpose: "revocation" | "suspension";
                        }[];
                        /** @enum {string} */
                        format?: "vc+jwt" | "application/vc+jwt" | "ldp_vc" | "application/vc";
                        credentialId?: string;
                        mandatoryPointers?: string[];
                    };
                };
            };
        };
        responses: {
            /** @description the secured credential */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the secured credential, or an EnvelopedVerifiableCredential holding its vc+jwt */
                        verifiableCredential: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    vcApiVerify: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    verifiableCredential: {
                        [key: string]: unknown;
                    };
                    options?: {
                        checks?: string[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description verified */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        verified: boolean;
                        checks: string[];
                        warnings: {
                            id: string;
                            message: string;
                        }[];
                        errors: {
                            id: string;
                            message: string;
                        }[];
                        /** @description skillcert's verification report */
                        report: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description not verified, or a malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        verified: boolean;
                        checks: string[];
                        warnings: {
                            id: string;
                            message: string;
                        }[];
                        errors: {
                            id: string;
                            message: string;
                        }[];
                        /** @description skillcert's verification report */
                        report: {
                            [key: string]: unknown;
                        };
                    } | {
                        error: {
                            /** @enum {string} */
                            code: "invalid_json" | "invalid_request" | "unknown_field" | "unauthorized" | "forbidden" | "not_found" | "method_not_allowed" | "conflict" | "payload_too_large" | "unsupported_media_type" | "undefined_term" | "unprocessable" | "idempotency_key_reused" | "rate_limited" | "internal" | "unavailable";
                            message: string;
                            details?: {
                                path: string;
                                message: string;
                            }[];
                            requestId?: string;
                        };
                    };
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
        };
    };
    vcApiVerifyPresentation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    verifiablePresentation: {
                        [key: string]: unknown;
                    };
                    options?: {
                        challenge?: string;
                        domain?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description verified */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        verified: boolean;
                        checks: string[];
                        warnings: {
                            id: string;
                            message: string;
                        }[];
                        errors: {
                            id: string;
                            message: string;
                        }[];
                        /** @description skillcert's verification report */
                        report: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description not verified, or a malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        verified: boolean;
                        checks: string[];
                        warnings: {
                            id: string;
                            message: string;
                        }[];
                        errors: {
                            id: string;
                            message: string;
                        }[];
                        /** @description skillcert's verification report */
                        report: {
                            [key: string]: unknown;
                        };
                    } | {
                        error: {
                            /** @enum {string} */
                            code: "invalid_json" | "invalid_request" | "unknown_field" | "unauthorized" | "forbidden" | "not_found" | "method_not_allowed" | "conflict" | "payload_too_large" | "unsupported_media_type" | "undefined_term" | "unprocessable" | "idempotency_key_reused" | "rate_limited" | "internal" | "unavailable";
                            message: string;
                            details?: {
                                path: string;
                                message: string;
                            }[];
                            requestId?: string;
                        };
                    };
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
        };
    };
    vcApiUpdateStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    credentialId: string;
                    credentialStatus: {
                        /** @constant */
                        type: "BitstringStatusListEntry";
                        /** @enum {string} */
                        statusPurpose: "revocation" | "suspension";
                        status?: boolean;
                    } | {
                        /** @constant */
                        type: "BitstringStatusListEntry";
                        /** @enum {string} */
                        statusPurpose: "revocation" | "suspension";
                        status?: boolean;
                    }[];
                    status?: boolean;
                };
            };
        };
        responses: {
            /** @description the status after the change */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        credentialId: string;
                        /** @enum {string} */
                        status: "active" | "suspended" | "revoked";
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["Internal"];
        };
    };
    health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description alive */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        status: "ok";
                    };
                };
            };
            500: components["responses"]["Internal"];
        };
    };
    ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description ready, with every part checked */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        status: "ready";
                        checks: {
                            /** @description the part checked: database, migrations, keys, a background job */
                            name: string;
                            ok: boolean;
                            /** @description ok, or what is wrong */
                            message: string;
                        }[];
                    };
                };
            };
            500: components["responses"]["Internal"];
            /** @description not ready: the failing parts named */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        status: "not_ready";
                        /** @description each failing part as "name: message" */
                        failing: string[];
                        checks: {
                            /** @description the part checked: database, migrations, keys, a background job */
                            name: string;
                            ok: boolean;
                            /** @description ok, or what is wrong */
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    metrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the metrics, Prometheus text format 0.0.4 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            403: components["responses"]["Forbidden"];
            500: components["responses"]["Internal"];
        };
    };
    openapi: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OpenAPI 3.1 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            500: components["responses"]["Internal"];
        };
    };
}
