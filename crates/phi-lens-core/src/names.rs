//! Identifiers as words: one splitter for every layer that reads column and node names
//! (the PHI detector, the clinical business rules). `patientDOB_dt`, `PATIENT_DOB_DT` and
//! `patient-dob-dt` all read `patient dob dt`.

/// Writes `name` into `buf` lower-cased, with one space at every word boundary.
pub(crate) fn split_identifier(name: &str, buf: &mut String) {
    buf.clear();
    buf.reserve(name.len() + 8);
    if name.is_ascii() {
        split_ascii_into(name.as_bytes(), buf);
    } else {
        split_chars_into(name, buf);
    }
}

/// [`split_identifier`], char by char.
fn split_chars_into(name: &str, buf: &mut String) {
    let mut chars = name.chars().peekable();
    let mut prev: Option<char> = None;
    while let Some(c) = chars.next() {
        if !c.is_alphanumeric() {
            if !buf.ends_with(' ') {
                buf.push(' ');
            }
            prev = None;
            continue;
        }
        if let Some(p) = prev {
            let next_lower = chars.peek().is_some_and(|n| n.is_lowercase());
            let boundary = (p.is_lowercase() && c.is_uppercase())
                || (p.is_uppercase() && c.is_uppercase() && next_lower)
                || (p.is_ascii_digit() != c.is_ascii_digit());
            if boundary && !buf.ends_with(' ') {
                buf.push(' ');
            }
        }
        for l in c.to_lowercase() {
            buf.push(l);
        }
        prev = Some(c);
    }
}

/// [`split_identifier`] for ASCII names (nearly all of them), byte by byte: the same boundaries,
/// since ASCII letters and digits are all the alphanumerics, upper- and lowercase letters an
/// ASCII name can hold.
fn split_ascii_into(name: &[u8], buf: &mut String) {
    let mut prev: Option<u8> = None;
    let mut spaced = false;
    for (i, &c) in name.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !spaced {
                buf.push(' ');
                spaced = true;
            }
            prev = None;
            continue;
        }
        if let Some(p) = prev {
            let next_lower = name.get(i + 1).is_some_and(u8::is_ascii_lowercase);
            let boundary = (p.is_ascii_lowercase() && c.is_ascii_uppercase())
                || (p.is_ascii_uppercase() && c.is_ascii_uppercase() && next_lower)
                || (p.is_ascii_digit() != c.is_ascii_digit());
            if boundary && !spaced {
                buf.push(' ');
            }
        }
        buf.push(char::from(c.to_ascii_lowercase()));
        spaced = false;
        prev = Some(c);
    }
}

/// The words of `name`, lower-cased: [`split_identifier`]'s, as owned strings.
pub(crate) fn identifier_words(name: &str) -> Vec<String> {
    let mut buf = String::new();
    split_identifier(name, &mut buf);
    buf.split(' ').filter(|w| !w.is_empty()).map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_gives_the_same_words() {
        for name in ["patientDOB_dt", "PATIENT_DOB_DT", "patient-dob-dt", "Patient Dob Dt"] {
            assert_eq!(identifier_words(name), ["patient", "dob", "dt"], "{name}");
        }
        assert_eq!(identifier_words("zip5"), ["zip", "5"]);
        assert_eq!(identifier_words("HbA1cValue"), ["hb", "a", "1", "c", "value"]);
        assert_eq!(identifier_words("naïveÉtat"), ["naïve", "état"]);
    }

    #[test]
    fn ascii_names_split_as_chars_do() {
        let names = [
            "BENE_1ST_NAME",
            "recordedDate",
            "resource#>>'{period,start}'",
            "geo_zip5_cd",
            "HTTPServerURL",
            "ptPhoneNbr",
            "AllergyIntolerance",
            "_x__y_",
            "  lead",
            "trail  ",
            "A",
            "a1B2c3",
            "ABCdef",
            "abcDEF",
            "ICD10CM_code",
            "x.y.z",
            "",
            "__",
            "99bottles",
            "zip3",
            "IDs",
            "MRNNumber",
            "v2XYZw",
            "a-B-c",
        ];
        for name in names {
            let (mut ascii, mut chars) = (String::new(), String::new());
            split_ascii_into(name.as_bytes(), &mut ascii);
            split_chars_into(name, &mut chars);
            assert_eq!(ascii, chars, "{name}");
        }
    }
}
