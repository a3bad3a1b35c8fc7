//! JSON Web Signatures (RFC 7515) with EdDSA (RFC 8037), in the flattened
//! JSON serialisation: `{"protected": …, "payload": …, "signature": …}`,
//! each base64url without padding. The signature covers
//! `protected || "." || payload` as sent, so no JSON is re-encoded to check it.

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine as _};
use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
struct Flattened {
    protected: String,
    payload: String,
    signature: String,
}

#[derive(Serialize, Deserialize)]
struct Header {
    alg: String,
    /// The key, as a C2SP note verifier key (`name+id+base64`).
    kid: String,
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum JwsError {
    #[error("not a flattened JWS JSON document")]
    Shape,
    #[error("the JWS header does not name EdDSA")]
    Algorithm,
    #[error("the signature does not hold")]
    Signature,
}

/// Signs `payload`; `kid` names the key.
pub fn sign(payload: &[u8], key: &SigningKey, kid: &str) -> String {
    let header = serde_json::json!({ "alg": "EdDSA", "kid": kid }).to_string();
    let protected = URL_SAFE_NO_PAD.encode(header);
    let payload = URL_SAFE_NO_PAD.encode(payload);
    let signature = key.sign(format!("{protected}.{payload}").as_bytes());
    let jws = Flattened {
        protected,
        payload,
        signature: URL_SAFE_NO_PAD.encode(signature.to_bytes()),
    };
    // Compact: every byte of the document is then part of a signed value.
    serde_json::to_string(&jws).unwrap_or_default()
}

/// The header's `kid`, unchecked: which key to check the document with.
pub fn key_id(document: &str) -> Result<String, JwsError> {
    let jws: Flattened = serde_json::from_str(document).map_err(|_| JwsError::Shape)?;
    let header = URL_SAFE_NO_PAD
        .decode(&jws.protected)
        .map_err(|_| JwsError::Shape)?;
    let header: Header = serde_json::from_slice(&header).map_err(|_| JwsError::Shape)?;
    Ok(header.kid)
}

/// The payload, when `key` signed the document.
pub fn verify(document: &str, key: &VerifyingKey) -> Result<Vec<u8>, JwsError> {
    let jws: Flattened = serde_json::from_str(document).map_err(|_| JwsError::Shape)?;
    let header = URL_SAFE_NO_PAD
        .decode(&jws.protected)
        .map_err(|_| JwsError::Shape)?;
    let header: Header = serde_json::from_slice(&header).map_err(|_| JwsError::Shape)?;
    if header.alg != "EdDSA" {
        return Err(JwsError::Algorithm);
    }
    let signature = URL_SAFE_NO_PAD
        .decode(&jws.signature)
        .ok()
        .and_then(|s| Signature::from_slice(&s).ok())
        .ok_or(JwsError::Signature)?;
    // Strict, as the notes and the Python checker: one signature, one answer.
    key.verify_strict(
        format!("{}.{}", jws.protected, jws.payload).as_bytes(),
        &signature,
    )
    .map_err(|_| JwsError::Signature)?;
    URL_SAFE_NO_PAD
        .decode(&jws.payload)
        .map_err(|_| JwsError::Shape)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signed_document_verifies_and_a_changed_one_does_not() {
        let key = SigningKey::from_bytes(&[7; 32]);
        let document = sign(br#"{"a":1}"#, &key, "k");
        assert_eq!(
            verify(&document, &key.verifying_key()).unwrap(),
            br#"{"a":1}"#
        );
        assert_eq!(key_id(&document).unwrap(), "k");

        let other = SigningKey::from_bytes(&[8; 32]);
        assert_eq!(
            verify(&document, &other.verifying_key()),
            Err(JwsError::Signature)
        );

        let mut jws: serde_json::Value = serde_json::from_str(&document).unwrap();
        jws["payload"] = URL_SAFE_NO_PAD.encode(br#"{"a":2}"#).into();
        assert_eq!(
            verify(&jws.to_string(), &key.verifying_key()),
            Err(JwsError::Signature)
        );
        assert_eq!(
            verify("not json", &key.verifying_key()),
            Err(JwsError::Shape)
        );
    }
}
