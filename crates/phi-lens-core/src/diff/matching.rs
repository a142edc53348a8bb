//! Which finding of one run is which finding of another: the stable fingerprint (rule, node,
//! column) and the matching that pairs findings by it, shared by `diff` and the baseline.
//!
//! The message text and any line number stay out of the fingerprint: a rename elsewhere in
//! the project rewrites messages that name the renamed model ("reached through …") without
//! changing what the finding is about. Where one node holds several findings of one rule on
//! one column, identical messages are paired first, the rest in order.

use std::borrow::Cow;
use std::cmp::Ordering;

pub use crate::report::finding_fingerprint as fingerprint;

/// One side's finding as the matcher sees it: the parts of its fingerprint, borrowed (the
/// column lower-cased only when it has capitals), and its message.
pub(crate) struct Keyed<'a> {
    pub rule: &'a str,
    pub unique_id: &'a str,
    pub column: Cow<'a, str>,
    pub message: &'a str,
}

impl<'a> Keyed<'a> {
    /// The finding `rule` on `unique_id`'s `column`.
    pub fn new(rule: &'a str, unique_id: &'a str, column: Option<&'a str>, message: &'a str) -> Self {
        let column = column.unwrap_or("");
        let column = if column.bytes().any(|b| b.is_ascii_uppercase()) || !column.is_ascii() {
            Cow::Owned(column.to_lowercase())
        } else {
            Cow::Borrowed(column)
        };
        Keyed { rule, unique_id, column, message }
    }

    /// Its fingerprint, as [`fingerprint`] writes it.
    pub fn fingerprint(&self) -> String {
        format!("{}|{}|{}", self.rule, self.unique_id, self.column)
    }

    fn key(&self) -> (&str, &str, &str) {
        (self.rule, self.unique_id, &self.column)
    }
}

/// The indices of `items` in fingerprint order (a stable sort: equal fingerprints keep their
/// given order). Findings come sorted by node, column and rule, so this is nearly linear.
fn by_key(items: &[Keyed<'_>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| items[a].key().cmp(&items[b].key()));
    order
}

/// Pairs `head` with `base` by fingerprint: for each head finding, the index of its base
/// finding, or `None` when it is new. Base findings left unpaired are resolved. Deterministic:
/// within one fingerprint, equal messages pair first, then the rest in their given order.
pub(crate) fn pair(base: &[Keyed<'_>], head: &[Keyed<'_>]) -> Vec<Option<usize>> {
    let (bo, ho) = (by_key(base), by_key(head));
    let mut out = vec![None; head.len()];
    let (mut i, mut j) = (0, 0);
    // A merge of the two sorted lists, one group of equal fingerprints at a time.
    while i < bo.len() && j < ho.len() {
        let (bk, hk) = (base[bo[i]].key(), head[ho[j]].key());
        match bk.cmp(&hk) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                let bi = i + bo[i..].iter().take_while(|&&b| base[b].key() == bk).count();
                let hj = j + ho[j..].iter().take_while(|&&h| head[h].key() == hk).count();
                pair_group(base, head, &bo[i..bi], &ho[j..hj], &mut out);
                (i, j) = (bi, hj);
            }
        }
    }
    out
}

/// Pairs one fingerprint's findings: equal messages first, then the rest in order.
fn pair_group(base: &[Keyed<'_>], head: &[Keyed<'_>], bases: &[usize], heads: &[usize], out: &mut [Option<usize>]) {
    if let ([b], [h]) = (bases, heads) {
        out[*h] = Some(*b);
        return;
    }
    let mut taken = vec![false; bases.len()];
    let mut unpaired = Vec::new();
    for &h in heads {
        let same = bases.iter().enumerate().find(|(k, &b)| !taken[*k] && base[b].message == head[h].message);
        match same {
            Some((k, &b)) => {
                taken[k] = true;
                out[h] = Some(b);
            }
            None => unpaired.push(h),
        }
    }
    let mut free = bases.iter().enumerate().filter(|(k, _)| !taken[*k]).map(|(_, &b)| b);
    for h in unpaired {
        match free.next() {
            Some(b) => out[h] = Some(b),
            None => break,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k<'a>(key: &'a str, message: &'a str) -> Keyed<'a> {
        Keyed::new("R", key, None, message)
    }

    #[test]
    fn the_column_is_compared_case_insensitively() {
        assert_eq!(fingerprint("PHI003", "model.p.m", Some("SSN")), "PHI003|model.p.m|ssn");
        assert_eq!(fingerprint("DOC001", "model.p.m", None), "DOC001|model.p.m|");
        assert_eq!(Keyed::new("PHI003", "model.p.m", Some("SSN"), "").fingerprint(), "PHI003|model.p.m|ssn");
    }

    #[test]
    fn equal_messages_pair_first_then_the_rest_in_order() {
        let base = [k("a", "one"), k("a", "two"), k("b", "x")];
        let head = [k("a", "two"), k("a", "three"), k("a", "four"), k("c", "y")];
        assert_eq!(pair(&base, &head), vec![Some(1), Some(0), None, None]);
    }

    #[test]
    fn a_changed_message_does_not_make_a_finding_new() {
        let base = [k("exposure.p.e", "reached through model.p.old_name")];
        let head = [k("exposure.p.e", "reached through model.p.new_name")];
        assert_eq!(pair(&base, &head), vec![Some(0)]);
    }
}
