//! Text read as words, and the policy's phrases found in it: descriptions for the
//! documentation rules, hook SQL for the access rules. A phrase is a run of words in which
//! `…` stands for up to four words of the same clause and a word ending in `*` matches any
//! ending (`exclud*`: excludes, excluded, excluding).

/// The most words a `…` in a phrase stands for (an identifier such as `raw_data` or
/// `ORDER_PROC` is one word here).
const MAX_GAP: usize = 4;

/// One token of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    /// A word, lower-cased, split as identifiers are (`ORDER_PROC` is `order proc`, `ICD-10`
    /// is `icd 10`), and whether it starts a word of the text as written (`order`, not `proc`).
    Word(String, bool),
    /// A mark that ends a clause (`.`, `;`, `:`, `!`, `?` before a space or the end): a
    /// phrase's `…` does not reach across it.
    Mark(char),
}

/// A text as words and clause marks.
#[derive(Debug, Clone, Default)]
pub(crate) struct Words(Vec<Token>);

/// One part of a [`Phrase`].
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Word(String),
    Prefix(String),
    Mark(char),
    Gap,
}

/// A phrase of the policy, read once.
#[derive(Debug, Clone)]
pub(crate) struct Phrase(Vec<Part>);

/// The tokens of `text`: contractions spelled out (`doesn't` is `does not`), words split as
/// identifiers are, clause marks kept.
fn tokens(text: &str) -> Vec<Token> {
    let text = text.to_lowercase().replace(['’', '`'], "'").replace("n't", " not").replace("cannot", "can not");
    let mut out = Vec::new();
    for piece in text.split_whitespace() {
        let body = piece.trim_end_matches(['.', ';', ':', '!', '?']);
        let words = crate::names::identifier_words(body);
        out.extend(words.into_iter().enumerate().map(|(i, w)| Token::Word(w, i == 0)));
        out.extend(piece.get(body.len()..).unwrap_or("").chars().map(Token::Mark));
    }
    out
}

impl Words {
    /// Reads a text.
    pub(crate) fn of(text: &str) -> Words {
        Words(tokens(text))
    }

    /// Whether the phrase occurs in the text.
    pub(crate) fn contains(&self, phrase: &Phrase) -> bool {
        !phrase.0.is_empty() && (0..self.0.len()).any(|at| matches_at(&self.0, &phrase.0, at))
    }

    /// Whether any of the phrases occurs in the text.
    pub(crate) fn contains_any(&self, phrases: &[Phrase]) -> bool {
        phrases.iter().any(|p| self.contains(p))
    }
}

fn matches_at(tokens: &[Token], parts: &[Part], at: usize) -> bool {
    let Some((part, rest)) = parts.split_first() else { return true };
    match part {
        Part::Gap => {
            // Skip up to MAX_GAP written words, within the clause.
            let mut words = 0;
            let mut j = at;
            loop {
                if matches_at(tokens, rest, j) {
                    return true;
                }
                match tokens.get(j) {
                    Some(Token::Word(_, starts)) => {
                        if *starts || j == at {
                            words += 1;
                        }
                        if words > MAX_GAP {
                            return false;
                        }
                        j += 1;
                    }
                    _ => return false,
                }
            }
        }
        Part::Word(w) => {
            matches!(tokens.get(at), Some(Token::Word(t, _)) if t == w) && matches_at(tokens, rest, at + 1)
        }
        Part::Prefix(p) => {
            matches!(tokens.get(at), Some(Token::Word(t, _)) if t.starts_with(p.as_str()))
                && matches_at(tokens, rest, at + 1)
        }
        Part::Mark(m) => matches!(tokens.get(at), Some(Token::Mark(t)) if t == m) && matches_at(tokens, rest, at + 1),
    }
}

impl Phrase {
    /// Reads a phrase as the policy writes it (`only … are included`, `exclud*`, `source:`).
    pub(crate) fn parse(text: &str) -> Phrase {
        let mut parts = Vec::new();
        for piece in text.split_whitespace() {
            if piece == "…" || piece == "..." {
                parts.push(Part::Gap);
                continue;
            }
            let (piece, prefix) = match piece.strip_suffix('*') {
                Some(p) => (p, true),
                None => (piece, false),
            };
            let mut words: Vec<Part> = tokens(piece)
                .into_iter()
                .map(|t| match t {
                    Token::Word(w, _) => Part::Word(w),
                    Token::Mark(m) => Part::Mark(m),
                })
                .collect();
            if prefix {
                if let Some(Part::Word(w)) = words.pop() {
                    words.push(Part::Prefix(w));
                }
            }
            parts.extend(words);
        }
        Phrase(parts)
    }
}

/// The policy's phrases, read once for a rule's run.
pub(crate) fn phrases(list: &[String]) -> Vec<Phrase> {
    list.iter().map(|p| Phrase::parse(p)).collect()
}

/// Whether `text` names the identifier `ident` (`first_name`, `raw.order_proc`) as a whole,
/// case-insensitively: not as part of a longer identifier (`ssn` is not named by `ssn_mask`).
pub(crate) fn names_identifier(text: &str, ident: &str) -> bool {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    let ident = ident.trim_matches('"');
    if ident.is_empty() {
        return false;
    }
    let hay = text.to_lowercase();
    let needle = ident.to_lowercase();
    let mut from = 0;
    while let Some(i) = hay.get(from..).and_then(|h| h.find(&needle)) {
        let start = from + i;
        let end = start + needle.len();
        let before_ok = hay.get(..start).and_then(|h| h.chars().next_back()).is_none_or(|c| !is_ident(c));
        let after_ok = hay.get(end..).and_then(|h| h.chars().next()).is_none_or(|c| !is_ident(c));
        if before_ok && after_ok {
            return true;
        }
        from = end;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, phrase: &str) -> bool {
        Words::of(text).contains(&Phrase::parse(phrase))
    }

    #[test]
    fn phrases_match_words_gaps_and_endings() {
        assert!(found("Claim lines, excluding denied claims.", "exclud*"));
        assert!(!found("Exclusion logic for PQI 16.", "exclud*"));
        assert!(found("Only finalized encounters are included.", "only … includ*"));
        assert!(found("Medications; doesn't include OTC drugs.", "not include*"));
        assert!(found("Order facts from Epic Clarity ORDER_PROC table.", "from … table*"));
        assert!(found("Created from the synthetic raw_data seed table.", "from … table*"));
        assert!(!found("Counts from all settings, joined to the provider table.", "from … table*"));
        assert!(!found("Aggregated from core. Creates an empty table.", "from … table*"));
        assert!(found("Encounters. Source: Epic.", "source:"));
        assert!(!found("Open source. Epic.", "source:"));
        assert!(found("{{ apply_row_access_policy('panel') }}", "row access policy"));
        assert!(!found("{{ refresh_portal_urls() }}", "rls"));
        assert!(found("Terminology: ICD-10-CM codes", "icd10"));
    }

    #[test]
    fn identifiers_are_named_whole() {
        assert!(names_identifier("modify column SSN set masking policy p", "ssn"));
        assert!(!names_identifier("set masking policy ssn_mask", "ssn"));
        assert!(names_identifier("columns=['first_name']", "first_name"));
        assert!(!names_identifier("policy_name='x'", "name"));
    }
}
