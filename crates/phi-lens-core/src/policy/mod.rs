//! The policy file, `phi-lens.toml`, as one document: which tags, meta keys, values and
//! schema names declare PHI (`[declared]`, `[schemas]`), how the detector runs
//! (`[detection]`), which rules run and how findings become scores (`[rules]`, `[score]`,
//! in [`rules`]). Parsed from a `&str`; the caller reads the file. Every key has a default
//! (see `docs/policy.md`); an unknown key is an error that names it.
//!
//! Every layer above the model reads it; it imports nothing above the findings vocabulary.

mod locate;
mod rules;

pub use locate::{policy_locations, POLICY_FILE_NAME};
pub use rules::{RulesConfig, ScoreConfig};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The policy in force.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Policy {
    /// How PHI is declared in tags and meta.
    pub declared: DeclaredPolicy,
    /// Where PHI may and may not live.
    pub schemas: SchemaPolicy,
    /// The Safe Harbor detector.
    pub detection: DetectionPolicy,
    /// Which rules run, at what severity, over which packages, and their thresholds.
    pub rules: RulesConfig,
    /// How findings become scores.
    pub score: ScoreConfig,
}

/// How PHI is declared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DeclaredPolicy {
    /// Tags (node or column, also `meta.tags`) that declare PHI.
    pub phi_tags: Vec<String>,
    /// Tags that declare "not PHI".
    pub non_phi_tags: Vec<String>,
    /// Meta keys whose truthy value declares PHI and whose `false` declares non-PHI. A dotted
    /// key (`databricks_tags.pii`) looks inside a nested object.
    pub flag_keys: Vec<String>,
    /// Meta keys holding a sensitivity level, compared with `phi_levels` / `non_phi_levels`.
    pub level_keys: Vec<String>,
    /// Levels that declare PHI.
    pub phi_levels: Vec<String>,
    /// Levels that declare non-PHI.
    pub non_phi_levels: Vec<String>,
    /// Meta keys naming the Safe Harbor category (a letter or a name such as `ssn`); their
    /// presence also declares PHI.
    pub category_keys: Vec<String>,
    /// Meta keys saying how a column is masked.
    pub masking_keys: Vec<String>,
    /// Meta keys whose truthy value declares the node de-identified.
    pub deidentified_keys: Vec<String>,
    /// Meta keys naming the de-identification method (`safe_harbor`, `expert_determination`).
    pub deidentification_method_keys: Vec<String>,
}

/// Where PHI lives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SchemaPolicy {
    /// Schema name patterns (`*` wildcard, case-insensitive) of the dedicated PHI schemas.
    /// Placement there declares PHI. Empty: no PHI schema is required.
    pub phi: Vec<String>,
    /// Resource types that must live in a PHI schema when they hold PHI.
    pub phi_schema_applies_to: Vec<String>,
    /// Database or schema name patterns that look like development (`dbt_<user>`…).
    pub dev: Vec<String>,
}

/// The detector.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DetectionPolicy {
    /// Whether column names are classified at all.
    pub enabled: bool,
    /// Detections below this confidence are dropped: `low`, `medium` or `high`.
    pub min_confidence: crate::findings::Confidence,
    /// Column name patterns (`*` wildcard, case-insensitive) never reported as detected.
    pub ignore_columns: Vec<String>,
    /// Whether a column that has the name of a PHI column in an upstream node inherits it.
    pub inherit_columns_by_name: bool,
    /// Whether keys of records and events (`encounter_id`, `claim_id`) count as identifiers
    /// of the person (Safe Harbor's R). `false` by default: they identify a record in the
    /// covered entity's own systems (docs/safe-harbor.md §R2).
    pub record_keys_identify_person: bool,
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_string()).collect()
}

impl Default for DeclaredPolicy {
    fn default() -> Self {
        DeclaredPolicy {
            phi_tags: strings(&[
                "phi",
                "pii",
                "hipaa",
                "contains_phi",
                "contains_pii",
                "sensitive",
                "pii.sensitive",
                "pii_sensitive",
                "restricted",
            ]),
            non_phi_tags: strings(&["non_phi", "no_phi", "not_phi", "pii.nonsensitive", "public"]),
            flag_keys: strings(&[
                "phi",
                "contains_phi",
                "is_phi",
                "has_phi",
                "pii",
                "contains_pii",
                "is_pii",
                "has_pii",
                "hipaa",
                "sensitive",
                "databricks_tags.pii",
                "databricks_tags.phi",
            ]),
            level_keys: strings(&[
                "sensitivity",
                "data_classification",
                "classification",
                "data_sensitivity",
                "sensitivity_level",
                "privacy_level",
                "data_privacy.level",
                "governance.classification",
            ]),
            phi_levels: strings(&[
                "phi",
                "pii",
                "ephi",
                "hipaa",
                "restricted",
                "confidential",
                "highly_confidential",
                "strictly_confidential",
                "sensitive",
                "pii.sensitive",
                "secret",
            ]),
            non_phi_levels: strings(&["public", "internal", "non_phi", "non_pii", "none", "pii.nonsensitive"]),
            category_keys: strings(&[
                "phi_category",
                "phi_type",
                "pii_category",
                "pii_type",
                "safe_harbor_category",
                "hipaa_identifier",
            ]),
            masking_keys: strings(&["masking", "masking_policy", "mask", "masked", "masking_function"]),
            deidentified_keys: strings(&["deidentified", "de_identified", "is_deidentified"]),
            deidentification_method_keys: strings(&[
                "deidentification_method",
                "de_identification_method",
                "deid_method",
            ]),
        }
    }
}

impl Default for SchemaPolicy {
    fn default() -> Self {
        SchemaPolicy {
            phi: strings(&["phi", "phi_*", "*_phi"]),
            phi_schema_applies_to: strings(&["model", "snapshot"]),
            dev: strings(&[
                "dev",
                "dev_*",
                "*_dev",
                "development",
                "sandbox",
                "sandbox_*",
                "*_sandbox",
                "scratch",
                "scratch_*",
                "*_scratch",
                "dbt_*",
                "tmp",
                "tmp_*",
            ]),
        }
    }
}

impl Default for DetectionPolicy {
    fn default() -> Self {
        DetectionPolicy {
            enabled: true,
            min_confidence: crate::findings::Confidence::Low,
            ignore_columns: Vec::new(),
            inherit_columns_by_name: true,
            record_keys_identify_person: false,
        }
    }
}

/// A policy file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyError {
    /// What is wrong, with the key and line when known.
    pub message: String,
}

impl std::fmt::Display for PolicyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PolicyError {}

impl Policy {
    /// Parses `phi-lens.toml`. Missing keys take their defaults; unknown keys are an error.
    /// Names, tags, levels and patterns are compared case-insensitively, so they are stored
    /// lower-cased, sorted and deduplicated.
    pub fn from_toml(text: &str) -> Result<Policy, PolicyError> {
        let policy: Policy = toml::from_str(text).map_err(|e| PolicyError { message: e.to_string() })?;
        Ok(policy.normalised())
    }

    /// The policy as `phi-lens.toml` text, every key written (defaults included), in the
    /// order of `docs/policy.md`. [`Policy::from_toml`] reads it back to the same policy
    /// (normalised): the app's policy editor starts from it when no file was loaded.
    pub fn to_toml(&self) -> String {
        // Serialising plain structs of strings, numbers and string-keyed maps cannot fail.
        toml::to_string(self).unwrap_or_default()
    }

    /// The policy with every list lower-cased, sorted and deduplicated (what `from_toml`
    /// returns, and what the hash is computed over).
    pub fn normalised(mut self) -> Policy {
        let d = &mut self.declared;
        for list in [
            &mut d.phi_tags,
            &mut d.non_phi_tags,
            &mut d.flag_keys,
            &mut d.level_keys,
            &mut d.phi_levels,
            &mut d.non_phi_levels,
            &mut d.category_keys,
            &mut d.masking_keys,
            &mut d.deidentified_keys,
            &mut d.deidentification_method_keys,
            &mut self.schemas.phi,
            &mut self.schemas.phi_schema_applies_to,
            &mut self.schemas.dev,
            &mut self.detection.ignore_columns,
        ] {
            for s in list.iter_mut() {
                *s = s.trim().to_ascii_lowercase();
            }
            list.sort();
            list.dedup();
        }
        self
    }

    /// The canonical serialisation: compact JSON of the normalised policy, keys in
    /// declaration order, lists sorted.
    pub fn canonical_json(&self) -> String {
        let normal = self.clone().normalised();
        serde_json::to_string(&normal).unwrap_or_default()
    }

    /// `sha256:` and the hex SHA-256 of [`Policy::canonical_json`].
    pub fn hash(&self) -> String {
        let digest = Sha256::digest(self.canonical_json().as_bytes());
        let mut out = String::with_capacity(7 + 64);
        out.push_str("sha256:");
        for b in digest {
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        }
        out
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Whether `name` matches a `*`-wildcard pattern, case-insensitively. `pattern` is lower-case.
pub(crate) fn glob_match(pattern: &str, name: &str) -> bool {
    let p = pattern.as_bytes();
    let n = name.as_bytes();
    let (mut pi, mut ni) = (0usize, 0usize);
    let (mut star, mut mark) = (None::<usize>, 0usize);
    while ni < n.len() {
        if pi < p.len() && p[pi] != b'*' && p[pi] == n[ni].to_ascii_lowercase() {
            pi += 1;
            ni += 1;
        } else if pi < p.len() && p[pi] == b'*' {
            star = Some(pi);
            mark = ni;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ni = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == b'*' {
        pi += 1;
    }
    pi == p.len()
}

/// The first pattern that matches `name`.
pub(crate) fn first_match<'a>(patterns: &'a [String], name: &str) -> Option<&'a str> {
    patterns.iter().find(|p| glob_match(p, name)).map(String::as_str)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn empty_file_is_the_default_policy() {
        assert_eq!(Policy::from_toml("").unwrap(), Policy::default().normalised());
        assert_eq!(Policy::from_toml("").unwrap().hash(), Policy::default().hash());
    }

    #[test]
    fn unknown_keys_are_named() {
        let err = Policy::from_toml("[schemas]\nphi_schema = [\"phi\"]\n").unwrap_err();
        assert!(err.message.contains("phi_schema"), "{}", err.message);
        let err = Policy::from_toml("colour = 1\n").unwrap_err();
        assert!(err.message.contains("colour"), "{}", err.message);
    }

    #[test]
    fn the_hash_ignores_case_and_order_but_not_content() {
        let a = Policy::from_toml("[schemas]\nphi = [\"PHI\", \"secure\"]\n").unwrap();
        let b = Policy::from_toml("[schemas]\nphi = [\"secure\", \"phi\"]\n").unwrap();
        let c = Policy::from_toml("[schemas]\nphi = [\"secure\"]\n").unwrap();
        assert_eq!(a.hash(), b.hash());
        assert_ne!(a.hash(), c.hash());
        assert!(a.hash().starts_with("sha256:") && a.hash().len() == 71);
    }

    #[test]
    fn to_toml_reads_back_to_the_same_policy() {
        let text = Policy::default().to_toml();
        assert!(text.starts_with("[declared]\n"), "{text}");
        assert_eq!(Policy::from_toml(&text).unwrap(), Policy::default().normalised());
        let edited = "[rules]\ndisable = [\"DOC001\"]\nseverity = { PHI003 = \"critical\" }\n\
                      [score]\ncritical_cap = 25\nweights = { low = 1, medium = 5, high = 15, critical = 40 }\n\
                      [detection]\nmin_confidence = \"high\"\nignore_columns = [\"Note_*\"]\n";
        let policy = Policy::from_toml(edited).unwrap();
        let again = Policy::from_toml(&policy.to_toml()).unwrap();
        assert_eq!(again, policy);
        assert_eq!(again.hash(), policy.hash());
    }

    #[test]
    fn errors_name_the_line_and_column() {
        let err = Policy::from_toml("[score]\ncritical_cap = 25\ncolour = 1\n").unwrap_err();
        assert!(err.message.contains("line 3, column 1"), "{}", err.message);
        assert!(err.message.contains("colour"), "{}", err.message);
    }

    #[test]
    fn globs() {
        assert!(glob_match("dev_*", "DEV_scratch"));
        assert!(glob_match("*_dev", "analytics_dev"));
        assert!(glob_match("dbt_*", "dbt_jsmith"));
        assert!(!glob_match("dev", "devices"));
        assert!(glob_match("*", ""));
        assert!(!glob_match("phi_*", "phi"));
    }
}
