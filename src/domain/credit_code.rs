//! 统一社会信用代码 (GB 32100-2015): 18 characters ending in a check character.

pub(crate) const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// Why a credit code is not valid, in words a clerk can act on.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CreditCodeError {
    #[error("统一社会信用代码应为18位，现在是{0}位")]
    Length(usize),
    #[error("第{position}位“{character}”不是统一社会信用代码可用的字符（不含I、O、Z、S、V）")]
    Character { position: usize, character: char },
    #[error("校验位应为“{expected}”，现在是“{found}”，请核对是否抄错")]
    Check { expected: char, found: char },
}

/// Checks a code; lower-case letters and surrounding spaces are accepted.
pub fn validate(code: &str) -> Result<(), CreditCodeError> {
    let code = normalize(code);
    let chars: Vec<char> = code.chars().collect();
    if chars.len() != 18 {
        return Err(CreditCodeError::Length(chars.len()));
    }
    let mut sum = 0;
    for (i, &c) in chars.iter().enumerate() {
        let Some(value) = value_of(c) else {
            return Err(CreditCodeError::Character { position: i + 1, character: c });
        };
        if i < 17 {
            sum += value * WEIGHTS[i];
        }
    }
    let expected = check_character(sum);
    if chars[17] != expected {
        return Err(CreditCodeError::Check { expected, found: chars[17] });
    }
    Ok(())
}

/// Upper-cases and trims a code as typed, turning full-width characters into ASCII.
pub fn normalize(code: &str) -> String {
    code.trim().chars().map(crate::domain::fold::half_width).collect::<String>().to_uppercase()
}

/// Completes the first 17 characters with their check character (used by the demo generator).
pub fn with_check_character(first17: &str) -> Option<String> {
    let chars: Vec<char> = first17.chars().collect();
    if chars.len() != 17 {
        return None;
    }
    let mut sum = 0;
    for (i, &c) in chars.iter().enumerate() {
        sum += value_of(c)? * WEIGHTS[i];
    }
    Some(format!("{first17}{}", check_character(sum)))
}

fn value_of(c: char) -> Option<u32> {
    let index = ALPHABET.iter().position(|&a| char::from(a) == c)?;
    u32::try_from(index).ok()
}

fn check_character(sum: u32) -> char {
    let check = (31 - sum % 31) % 31;
    char::from(ALPHABET[check as usize])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_codes_pass() {
        for code in ["91350100M000100Y43", "911100001000000000", "91370303MA3C9Y1X2K"] {
            let built = with_check_character(&code[..17]).unwrap();
            assert_eq!(validate(&built), Ok(()), "{built}");
        }
        assert_eq!(validate("91350100M000100Y43"), Ok(()));
        assert_eq!(validate(" 91350100m000100y43 "), Ok(()));
    }

    #[test]
    fn each_kind_of_mistake_is_named() {
        assert_eq!(validate("9135010"), Err(CreditCodeError::Length(7)));
        assert!(matches!(
            validate("91350100I000100Y43"),
            Err(CreditCodeError::Character { position: 9, character: 'I' })
        ));
        assert_eq!(
            validate("91350100M000100Y44"),
            Err(CreditCodeError::Check { expected: '3', found: '4' })
        );
        let msg = validate("91350100M000100Y44").unwrap_err().to_string();
        assert!(msg.contains("校验位"), "{msg}");
    }
}
