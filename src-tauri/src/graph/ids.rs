//! Meta object ids as they reach the client: digits only, checked before any request.

use super::error::GraphError;

/// A Graph object id as a path segment: digits only. Anything else (a pasted URL, `../`) is refused
/// before a request is made, so a typo cannot become another call.
pub fn seg(id: &str) -> Result<&str, GraphError> {
    let id = id.trim();
    if !id.is_empty() && id.len() <= 32 && id.bytes().all(|b| b.is_ascii_digit()) {
        Ok(id)
    } else {
        Err(GraphError::Config(format!(
            "'{}' is not a Meta object id (digits only)",
            id.chars().take(40).collect::<String>()
        )))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn ids_are_digits_only() {
        assert!(super::seg("1234567890").is_ok());
        assert!(super::seg("../me").is_err());
        assert!(super::seg("").is_err());
        assert!(super::seg("12a").is_err());
    }
}
