//! Text read as words, and the policy's phrases found in it: descriptions for the
//! documentation rules, hook SQL for the access rules. A phrase is a run of words in which
//! `…` stands for up to four words of the same clause and a word ending in `*` matches any
//! ending (`exclud*`: excludes, excluded, excluding).

/// The most words a `…` in a phrase stands for (an identifier such as `raw_data` or
/// `ORDER_PROC` is one word here).
const MAX_GAP: usize = 4;

/// One token of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    /// A word, lower-cased, split as identifiers are (`ORDER_PROC` is `order proc`, `ICD-10`
    /// is `icd 10`): where it is in [`Words`]' buffer, and whether it starts a word of the text
    /// as written (`order`, not `proc`).
    Word { start: usize, end: usize, starts: bool },
    /// A mark that ends a clause (`.`, `;`, `:`, `!`, `?` before a space or the end): a
    /// phrase's `…` does not reach across it.
    Mark(char),
}

/// A text as words and clause marks (the words in one buffer: descriptions are read by the
/// thousand).
#[derive(Debug, Clone, Default)]
pub(crate) struct Words {
    buf: String,
    tokens: Vec<Token>,
    /// Each token's [`word_bit`] (0 for a mark): a phrase is tried only where its first
    /// word's bit is.
    token_bits: Vec<u64>,
    /// All the words' bits: a phrase with a word the text lacks is mostly ruled out without a
    /// scan.
    bits: u64,
    /// Scratch buffers, kept between [`Words::read`]s.
    lower: String,
    scratch: String,
}

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
pub(crate) struct Phrase {
    parts: Vec<Part>,
    /// The [`word_bit`]s of its words (and of its word beginnings of two letters or more).
    bits: u64,
}

/// A word's bit in a 64-bit set, from its first two bytes.
fn word_bit(word: &str) -> u64 {
    let b = word.as_bytes();
    let h = u32::from(b.first().copied().unwrap_or(0)) * 31 + u32::from(b.get(1).copied().unwrap_or(0));
    1 << (h % 64)
}

/// Whether `hay` contains `needle` (lower-case ASCII), ignoring ASCII case.
fn contains_ascii_ci(hay: &str, needle: &str) -> bool {
    hay.as_bytes().windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

impl Words {
    /// Reads a text: contractions spelled out (`doesn't` is `does not`), words split as
    /// identifiers are, clause marks kept.
    pub(crate) fn of(text: &str) -> Words {
        let mut words = Words::default();
        words.read(text);
        words
    }

    /// Reads a text in place of the last one, keeping the buffers (descriptions are read by
    /// the thousand).
    pub(crate) fn read(&mut self, text: &str) -> &Self {
        let rewritten;
        let text = if text.contains(['\'', '’']) || contains_ascii_ci(text, "cannot") {
            rewritten = text.to_lowercase().replace('’', "'").replace("n't", " not").replace("cannot", "can not");
            rewritten.as_str()
        } else {
            text
        };
        self.buf.clear();
        self.tokens.clear();
        self.token_bits.clear();
        self.bits = 0;
        for piece in text.split_whitespace() {
            let body = piece.trim_end_matches(['.', ';', ':', '!', '?']);
            // Lower-cased first, so that `PowerChart` reads as written in the policy, one word.
            self.lower.clear();
            self.lower.extend(body.chars().flat_map(char::to_lowercase));
            crate::names::split_identifier(&self.lower, &mut self.scratch);
            for (i, w) in self.scratch.split(' ').filter(|w| !w.is_empty()).enumerate() {
                let start = self.buf.len();
                self.buf.push_str(w);
                self.tokens.push(Token::Word { start, end: self.buf.len(), starts: i == 0 });
                self.token_bits.push(word_bit(w));
                self.bits |= word_bit(w);
            }
            for mark in piece.get(body.len()..).unwrap_or("").chars() {
                self.tokens.push(Token::Mark(mark));
                self.token_bits.push(0);
            }
        }
        self
    }

    /// The word at `at`, if a word is there.
    fn word(&self, at: usize) -> Option<&str> {
        match self.tokens.get(at) {
            Some(Token::Word { start, end, .. }) => self.buf.get(*start..*end),
            _ => None,
        }
    }

    /// Whether the phrase occurs in the text.
    pub(crate) fn contains(&self, phrase: &Phrase) -> bool {
        if phrase.bits & !self.bits != 0 {
            return false;
        }
        let first = match phrase.parts.first() {
            Some(Part::Word(w)) => word_bit(w),
            Some(Part::Prefix(p)) if p.len() >= 2 => word_bit(p),
            Some(_) => !0,
            None => return false,
        };
        self.token_bits
            .iter()
            .enumerate()
            .any(|(at, bit)| (bit & first != 0 || first == !0) && self.matches_at(&phrase.parts, at))
    }

    /// Whether any of the phrases occurs in the text.
    pub(crate) fn contains_any(&self, phrases: &[Phrase]) -> bool {
        phrases.iter().any(|p| self.contains(p))
    }

    fn matches_at(&self, parts: &[Part], at: usize) -> bool {
        let Some((part, rest)) = parts.split_first() else { return true };
        match part {
            Part::Gap => {
                // Skip up to MAX_GAP written words, within the clause.
                let mut words = 0;
                let mut j = at;
                loop {
                    if self.matches_at(rest, j) {
                        return true;
                    }
                    match self.tokens.get(j) {
                        Some(Token::Word { starts, .. }) => {
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
            Part::Word(w) => self.word(at) == Some(w.as_str()) && self.matches_at(rest, at + 1),
            Part::Prefix(p) => {
                self.word(at).is_some_and(|t| t.starts_with(p.as_str())) && self.matches_at(rest, at + 1)
            }
            Part::Mark(m) => self.tokens.get(at) == Some(&Token::Mark(*m)) && self.matches_at(rest, at + 1),
        }
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
            let read = Words::of(piece);
            let mut words: Vec<Part> = read
                .tokens
                .iter()
                .enumerate()
                .map(|(i, t)| match t {
                    Token::Word { .. } => Part::Word(read.word(i).unwrap_or_default().to_string()),
                    Token::Mark(m) => Part::Mark(*m),
                })
                .collect();
            if prefix {
                if let Some(Part::Word(w)) = words.pop() {
                    words.push(Part::Prefix(w));
                }
            }
            parts.extend(words);
        }
        let bits = parts
            .iter()
            .map(|p| match p {
                Part::Word(w) => word_bit(w),
                Part::Prefix(w) if w.len() >= 2 => word_bit(w),
                Part::Prefix(_) | Part::Mark(_) | Part::Gap => 0,
            })
            .fold(0, |a, b| a | b);
        Phrase { parts, bits }
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
        assert!(found("Charted in PowerChart.", "powerchart") && found("Charted in PowerChart.", "PowerChart"));
    }

    #[test]
    fn identifiers_are_named_whole() {
        assert!(names_identifier("modify column SSN set masking policy p", "ssn"));
        assert!(!names_identifier("set masking policy ssn_mask", "ssn"));
        assert!(names_identifier("columns=['first_name']", "first_name"));
        assert!(!names_identifier("policy_name='x'", "name"));
    }
}
