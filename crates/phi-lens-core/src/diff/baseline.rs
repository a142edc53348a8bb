//! A baseline for `phi-lens check`: the JSON report of an earlier run, whose findings are
//! accepted for now, so a legacy project gates on the findings a change adds. Findings are
//! matched by the same fingerprint as `diff` ([`super::fingerprint`]).

use serde::Deserialize;

use crate::error::{from_json, json_path, Error, ErrorKind};
use crate::findings::Finding;

/// The findings of an earlier report, as far as matching needs them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Baseline {
    /// Its findings (waived ones too).
    pub findings: Vec<BaselineFinding>,
}

/// One finding of a baseline.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct BaselineFinding {
    /// Rule id.
    pub rule: String,
    /// The node or exposure.
    pub unique_id: String,
    /// The column, if any.
    #[serde(default)]
    pub column: Option<String>,
    /// Its message (pairs findings that share a fingerprint).
    #[serde(default)]
    pub message: String,
}

#[derive(Deserialize)]
struct RawReport {
    generator: Option<String>,
    findings: Option<Vec<BaselineFinding>>,
}

impl Baseline {
    /// Reads a JSON report (`phi-lens check --format json`, `report.json`,
    /// `--write-baseline`); `file` names it in errors.
    pub fn from_json(file: &str, bytes: &[u8]) -> Result<Baseline, Error> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(Error::new(file, ErrorKind::Empty));
        }
        let mut track = serde_path_to_error::Track::new();
        let mut de = serde_json::Deserializer::from_slice(bytes);
        let raw: RawReport =
            match serde::Deserialize::deserialize(serde_path_to_error::Deserializer::new(&mut de, &mut track))
                .and_then(|r| de.end().map(|()| r))
            {
                Ok(r) => r,
                Err(e) => return Err(from_json(file, &e, Some(json_path(&track.path())))),
            };
        let from_phi_lens = raw.generator.as_deref().is_some_and(|g| g.starts_with("phi-lens"));
        match raw.findings {
            Some(findings) if from_phi_lens => Ok(Baseline { findings }),
            _ => Err(Error::new(
                file,
                ErrorKind::WrongArtifact(
                    "not a phi-lens JSON report (no `generator: \"phi-lens …\"` and `findings`); write one with \
                     `phi-lens check --write-baseline FILE`"
                        .to_string(),
                ),
            )),
        }
    }

    /// For each finding, whether the baseline holds it (paired by fingerprint, as `diff`
    /// pairs findings).
    pub fn holds(&self, findings: &[Finding]) -> Vec<bool> {
        let base: Vec<super::matching::Keyed<'_>> = self
            .findings
            .iter()
            .map(|f| super::matching::Keyed::new(&f.rule, &f.unique_id, f.column.as_deref(), &f.message))
            .collect();
        let head: Vec<super::matching::Keyed<'_>> = findings
            .iter()
            .map(|f| super::matching::Keyed::new(f.rule.as_str(), &f.unique_id, f.column.as_deref(), &f.message))
            .collect();
        super::matching::pair(&base, &head).into_iter().map(|p| p.is_some()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_reads_and_anything_else_is_named() {
        let b = Baseline::from_json(
            "old.json",
            br#"{"generator": "phi-lens 0.1.0", "findings": [{"rule": "DOC001", "unique_id": "model.p.m",
                "column": null, "message": "m", "fix": "f"}]}"#,
        )
        .unwrap_or_default();
        assert_eq!(b.findings.len(), 1);
        let err = Baseline::from_json("old.json", br#"{"nodes": {}}"#).map(|_| ()).unwrap_err().to_string();
        assert!(err.starts_with("old.json") && err.contains("not a phi-lens JSON report"), "{err}");
        let err = Baseline::from_json("old.json", br#"{"generator": "phi-lens", "findings": [{"rule": 3}]}"#)
            .map(|_| ())
            .unwrap_err()
            .to_string();
        assert!(err.contains("findings[0].rule"), "{err}");
        let err = Baseline::from_json("old.json", b"").map(|_| ()).unwrap_err().to_string();
        assert!(err.contains("empty"), "{err}");
    }
}
