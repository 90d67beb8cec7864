//! The record codec: a schema version, then the value in bincode 1.3.
//!
//! The only place that knows about bincode. Decoding never panics: bad bytes give an error.

use bincode::Options;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Version written in front of every stored value.
pub const SCHEMA_VERSION: u16 = 1;

/// Largest value we ever write or read; a length beyond it means the bytes are damaged.
const LIMIT: u64 = 16 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum CodecError {
    #[error("记录太短，缺少版本号（{0}字节）")]
    Truncated(usize),
    #[error("记录的版本号{found}是本程序不认识的（本程序为{SCHEMA_VERSION}），请使用新版程序打开")]
    UnknownVersion { found: u16 },
    #[error("记录内容损坏，无法读取：{0}")]
    Damaged(#[from] bincode::Error),
}

fn options() -> impl Options {
    bincode::DefaultOptions::new().with_limit(LIMIT)
}

pub fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, CodecError> {
    let mut bytes = SCHEMA_VERSION.to_le_bytes().to_vec();
    options().serialize_into(&mut bytes, value)?;
    Ok(bytes)
}

pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, CodecError> {
    decode_version(bytes, SCHEMA_VERSION)
}

/// Decodes a value written under schema `version` (an older layout, during a migration).
pub fn decode_version<T: DeserializeOwned>(bytes: &[u8], version: u16) -> Result<T, CodecError> {
    let Some((found, body)) = bytes.split_first_chunk::<2>() else {
        return Err(CodecError::Truncated(bytes.len()));
    };
    let found = u16::from_le_bytes(*found);
    if found != version {
        return Err(CodecError::UnknownVersion { found });
    }
    Ok(options().deserialize(body)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Officer;

    #[test]
    fn values_round_trip_and_junk_is_an_error() {
        let officer =
            Officer { id: 3, name: "王建国".into(), active: true, ..Default::default() };
        let bytes = encode(&officer).unwrap();
        assert_eq!(decode::<Officer>(&bytes).unwrap(), officer);

        assert!(matches!(decode::<Officer>(&[1]), Err(CodecError::Truncated(1))));
        assert!(matches!(
            decode::<Officer>(&[9, 0, 1]),
            Err(CodecError::UnknownVersion { found: 9 })
        ));
        let mut cut = bytes.clone();
        cut.truncate(bytes.len() - 3);
        assert!(matches!(decode::<Officer>(&cut), Err(CodecError::Damaged(_))));
        let mut huge = SCHEMA_VERSION.to_le_bytes().to_vec();
        huge.extend([0xFF; 12]);
        assert!(decode::<Officer>(&huge).is_err());
    }
}
