-- Wallet offers (issue 15): an offer puts one learner's credential into one wallet, once.
-- The offer id travels in its URLs (the OpenID4VCI offer, the interaction URL, the VC-API
-- exchange) and is the secret they carry: only its SHA-256 is kept, as for API keys. The
-- PIN (OpenID4VCI tx_code) is kept salted and hashed; after 5 tries the offer is void.
CREATE TABLE wallet_offers (
  id_hash            TEXT PRIMARY KEY,
  -- a short public reference (audit entries, the console), never usable to redeem
  ref                TEXT NOT NULL UNIQUE,
  credential_id      TEXT NOT NULL REFERENCES credentials(id),
  institute_id       TEXT NOT NULL REFERENCES institutes(id),
  created_at         TEXT NOT NULL,
  created_by         TEXT NOT NULL,
  expires_at         TEXT NOT NULL,
  tx_code_salt       TEXT NOT NULL,
  tx_code_hash       TEXT NOT NULL,
  -- PIN tries taken (a try is taken before the PIN is compared: at most 5 are ever compared)
  pin_tries          INTEGER NOT NULL DEFAULT 0,
  -- the OpenID4VCI access token (hashed) given once for the pre-authorized code
  token_hash         TEXT UNIQUE,
  token_expires_at   TEXT,
  redeemed_at        TEXT,
  -- the VC-API exchange's transaction and its DID-authentication challenge
  exchange_tx        TEXT,
  exchange_challenge TEXT,
  exchange_expires_at TEXT,
  delivered_at       TEXT,
  revoked_at         TEXT
);
CREATE INDEX wallet_offers_credential ON wallet_offers(credential_id);

-- Proof nonces (OpenID4VCI c_nonce): each is taken once, before it expires.
CREATE TABLE wallet_nonces (
  nonce       TEXT PRIMARY KEY,
  expires_at  TEXT NOT NULL,
  used_at     TEXT
);
CREATE INDEX wallet_nonces_expiry ON wallet_nonces(expires_at);

-- A credential delivered to a wallet: the original re-signed for the holder's DID (its
-- credentialSubject.id), with the original's status entry, so revoking one revokes both.
-- Stored byte for byte as signed.
CREATE TABLE credential_deliveries (
  id             TEXT PRIMARY KEY,
  vc_id          TEXT NOT NULL UNIQUE,
  credential_id  TEXT NOT NULL REFERENCES credentials(id),
  offer_ref      TEXT NOT NULL UNIQUE,
  institute_id   TEXT NOT NULL REFERENCES institutes(id),
  holder_did     TEXT NOT NULL,
  protocol       TEXT NOT NULL CHECK (protocol IN ('openid4vci', 'vc-api')),
  format         TEXT NOT NULL,
  body           TEXT NOT NULL,
  delivered_at   TEXT NOT NULL
);
CREATE INDEX credential_deliveries_credential ON credential_deliveries(credential_id);
