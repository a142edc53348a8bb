//! Waivers: `meta.phi_lens.waive` read from nodes, columns and exposures. A waiver names a
//! rule and a reason, and may say who approved it (`approved_by`) and its last day (`expires`,
//! `YYYY-MM-DD`). One without a reason, naming an unknown rule, or expired is reported and not
//! applied. Expiry is judged against the manifest's `metadata.generated_at`, never the clock:
//! the same artifacts give the same report on any day.

use std::collections::BTreeMap;

use super::RULES;
use crate::artifacts::{Meta, MetaValue};
use crate::findings::Waiver;
use crate::model::Project;

/// Reads `meta.phi_lens.waive` of every node and exposure (and `meta.phi_lens.waive` of columns,
/// which waive for that column only).
pub(super) fn collect_waivers(project: &Project) -> (BTreeMap<String, Vec<Waiver>>, Vec<String>) {
    let mut out: BTreeMap<String, Vec<Waiver>> = BTreeMap::new();
    let mut problems = Vec::new();
    let generated = project.info.generated_at.as_deref().map(str::trim).filter(|g| !g.is_empty());
    let generated_on = generated.and_then(date_of);
    let mut read = |uid: &str, column: Option<&str>, meta: &Meta| {
        let Some(MetaValue::Map(pl)) = meta.get("phi_lens") else { return };
        let Some(list) = pl.get("waive") else { return };
        let items: Vec<&MetaValue> = match list {
            MetaValue::List(l) => l.iter().collect(),
            other => vec![other],
        };
        for item in items {
            let MetaValue::Map(m) = item else {
                problems.push(format!("{uid}: a waiver must be an object with `rule` and `reason`"));
                continue;
            };
            let rule_ref = m.get("rule").and_then(MetaValue::as_str).unwrap_or("").trim().to_string();
            let reason = m.get("reason").and_then(MetaValue::as_str).unwrap_or("").trim().to_string();
            let known = RULES.iter().any(|r| r.id.as_str().eq_ignore_ascii_case(&rule_ref) || r.name == rule_ref);
            if !known {
                problems.push(format!("{uid}: waiver names unknown rule `{rule_ref}`; it is not applied"));
            } else if reason.is_empty() {
                problems.push(format!("{uid}: waiver of {rule_ref} has no reason; it is not applied"));
            } else {
                let text = |key: &str| m.get(key).filter(|v| !v.is_empty()).map(|v| v.to_string().trim().to_string());
                let expires = text("expires");
                if let Some(e) = &expires {
                    let problem = match (date_of(e), generated_on) {
                        (None, _) => Some(format!("has expires `{e}`, which is not a date (YYYY-MM-DD)")),
                        (Some(_), None) => Some(format!(
                            "expires on {e}, but the manifest has no metadata.generated_at to compare it with"
                        )),
                        (Some(last), Some(on)) if last < on => Some(format!(
                            "expired on {e} (the artifacts were generated on {})",
                            generated.and_then(|g| g.get(..10)).unwrap_or_default()
                        )),
                        (Some(_), Some(_)) => None,
                    };
                    if let Some(problem) = problem {
                        problems.push(format!("{uid}: waiver of {rule_ref} {problem}; it is not applied"));
                        continue;
                    }
                }
                out.entry(uid.to_string()).or_default().push(Waiver {
                    rule: rule_ref,
                    reason,
                    column: column.map(str::to_string),
                    approved_by: text("approved_by"),
                    expires,
                });
            }
        }
    };
    for n in &project.nodes {
        read(&n.unique_id, None, &n.meta);
        for c in &n.columns {
            read(&n.unique_id, Some(&c.name), &c.meta);
        }
    }
    for e in &project.exposures {
        read(&e.unique_id, None, &e.meta);
    }
    problems.sort();
    (out, problems)
}

/// The date at the start of `text` (`2026-06-30`, `2026-06-30T12:00:00Z`) as (year, month, day),
/// if it is one.
fn date_of(text: &str) -> Option<(u32, u32, u32)> {
    let text = text.trim();
    let (date, rest) = (text.get(..10)?, text.get(10..)?);
    if !(rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
        return None;
    }
    if date.as_bytes().get(4) != Some(&b'-') || date.as_bytes().get(7) != Some(&b'-') {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = date.get(range)?;
        part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok()).flatten()
    };
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some((year, month, day))
}

#[cfg(test)]
mod tests {
    use super::date_of;

    #[test]
    fn dates_are_read_from_the_start_of_the_text() {
        assert_eq!(date_of("2026-06-30"), Some((2026, 6, 30)));
        assert_eq!(date_of(" 2026-06-30T03:04:05.000000Z "), Some((2026, 6, 30)));
        assert_eq!(date_of("2026-06-30 03:04"), Some((2026, 6, 30)));
        for bad in ["next spring", "2026-13-01", "2026-06-00", "2026/06/30", "2026-06-300", "20260630", "", "2026-6-30"]
        {
            assert_eq!(date_of(bad), None, "{bad}");
        }
    }
}
