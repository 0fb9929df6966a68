-- Compatibility forms an institute may turn on (issue 14, item 3), off by default:
-- an Ed25519Signature2020 proof beside the eddsa-rdfc-2022 one (MOSIP Inji), and a vc+jwt
-- signed ES256 with a P-256 key (verifiers that accept only ES256/RS256).
ALTER TABLE institutes ADD COLUMN ed25519_signature_2020 INTEGER NOT NULL DEFAULT 0 CHECK (ed25519_signature_2020 IN (0, 1));
ALTER TABLE institutes ADD COLUMN es256_jwt INTEGER NOT NULL DEFAULT 0 CHECK (es256_jwt IN (0, 1));

-- Signing keys of two types: Ed25519 (every key so far) and P-256 (ES256). public_x is the
-- JWK `x` of either; public_y the P-256 key's `y`. Each DID has at most one active key per type.
ALTER TABLE issuer_keys ADD COLUMN key_type TEXT NOT NULL DEFAULT 'Ed25519' CHECK (key_type IN ('Ed25519', 'P-256'));
ALTER TABLE issuer_keys ADD COLUMN public_y TEXT;
DROP INDEX issuer_keys_one_active;
CREATE UNIQUE INDEX issuer_keys_one_active ON issuer_keys(controller, key_type) WHERE status = 'active';

-- The ES256 vc+jwt of a credential issued with that option on, as signed.
ALTER TABLE credentials ADD COLUMN jwt_es256 TEXT;
