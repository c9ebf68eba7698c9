//! Text a user typed, made safe for a Word package: characters XML 1.0 forbids are dropped
//! (docx-rs escapes `& < > " '` itself), so nothing typed can break the package.

/// Drops the characters XML 1.0 does not allow: control characters other than tab and line
/// breaks, lone surrogates (impossible in Rust strings) and U+FFFE/U+FFFF.
pub fn sakert(text: &str) -> String {
    text.chars()
        .filter(|&c| match c {
            '\t' | '\n' | '\r' => true,
            c if (c as u32) < 0x20 => false,
            '\u{FFFE}' | '\u{FFFF}' => false,
            _ => true,
        })
        .collect()
}

/// Splits a text into its paragraphs, one per line, as bullet lists ("• …") are written one
/// item per line. A blank line inside the text stays an empty paragraph, as in Word, so the
/// Word import gives the text back as typed; blank lines before and after it are dropped.
pub fn stycken(text: &str) -> Vec<String> {
    let rensad = sakert(text).replace("\r\n", "\n").replace('\r', "\n");
    let rader: Vec<&str> = rensad.split('\n').map(str::trim_end).collect();
    let forsta = rader.iter().position(|r| !r.is_empty());
    let sista = rader.iter().rposition(|r| !r.is_empty());
    match (forsta, sista) {
        (Some(f), Some(s)) => rader[f..=s].iter().map(|r| r.to_string()).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_what_xml_forbids_and_keeps_the_rest() {
        assert_eq!(sakert("a\u{0}b\u{1b}c\u{7}d\te\u{FFFF}"), "abcd\te");
        assert_eq!(sakert("& < > \" ' åäö"), "& < > \" ' åäö");
        assert_eq!(
            stycken("\n Ett\r\n\r\n• två\n• tre\n  \n"),
            vec![" Ett", "", "• två", "• tre"]
        );
    }
}
