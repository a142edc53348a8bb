//! The `[rules]` and `[score]` sections of `phi-lens.toml`: which rules run, at what severity,
//! over which packages, and the thresholds the documentation and access rules use.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::findings::Severity;
use crate::model::Node;

/// `[rules]`: every key optional; the defaults are what a healthcare team would ask for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RulesConfig {
    /// Rule ids or names that do not run.
    pub disable: Vec<String>,
    /// Severity overrides by rule id or name, e.g. `{ DOC002 = "low" }`.
    pub severity: BTreeMap<String, Severity>,
    /// Packages the rules look at; empty means every package (dependencies included: PHI
    /// often lives in packages such as `the_tuva_project`).
    pub packages: Vec<String>,
    /// Roles whose grant on a PHI model is too broad.
    pub broad_roles: Vec<String>,
    /// Descriptions that are placeholders, compared case-insensitively after trimming.
    pub placeholder_descriptions: Vec<String>,
    /// A meaningful model description has at least this many characters.
    pub min_description_length: usize,
    /// Meta keys that name a model's source system.
    pub source_system_keys: Vec<String>,
    /// Phrases in a description that name the source system (case-insensitive).
    pub source_system_phrases: Vec<String>,
    /// Meta keys that document known limitations.
    pub limitations_keys: Vec<String>,
    /// Phrases (or headings) in a description that document known limitations.
    pub limitations_phrases: Vec<String>,
    /// Meta keys that document a row-level-security (row access) policy.
    pub row_access_keys: Vec<String>,
    /// Fragments of a post-hook that apply a row access policy.
    pub row_access_hook_patterns: Vec<String>,
    /// Generic tests every model should have at least this many of.
    pub min_generic_tests_per_model: usize,
}

impl Default for RulesConfig {
    fn default() -> Self {
        let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        RulesConfig {
            disable: Vec::new(),
            severity: BTreeMap::new(),
            packages: Vec::new(),
            broad_roles: v(&["public", "all_users", "everyone", "analyst", "analysts", "reporter", "reporting"]),
            placeholder_descriptions: v(&[
                "todo",
                "tbd",
                "tba",
                "fixme",
                "wip",
                "n/a",
                "na",
                "none",
                "-",
                ".",
                "description",
                "placeholder",
                "test",
                "xxx",
                "...",
                "to do",
                "coming soon",
            ]),
            min_description_length: 20,
            source_system_keys: v(&[
                "source_system",
                "source",
                "system_of_record",
                "upstream_system",
                "origin_system",
                "data_source",
            ]),
            source_system_phrases: v(&[
                "source system",
                "system of record",
                "source:",
                "sourced from",
                "extracted from",
                "loaded from",
                "comes from",
                "originates in",
                "feed from",
            ]),
            limitations_keys: v(&["limitations", "known_limitations", "caveats", "known_issues"]),
            limitations_phrases: v(&[
                "limitation",
                "caveat",
                "known issue",
                "does not include",
                "do not include",
                "excludes",
                "not included",
                "not captured",
            ]),
            row_access_keys: v(&[
                "row_access_policy",
                "row_level_security",
                "rls",
                "rls_policy",
                "row_filter",
                "access_policy",
            ]),
            row_access_hook_patterns: v(&[
                "row access policy",
                "row_access_policy",
                "row level security",
                "row_level_security",
                "create policy",
                "alter table",
                "rls",
            ]),
            min_generic_tests_per_model: 1,
        }
    }
}

impl RulesConfig {
    /// Whether the rule runs.
    pub fn rule_enabled(&self, id: &str, name: &str) -> bool {
        !self.disable.iter().any(|d| d.eq_ignore_ascii_case(id) || d == name)
    }

    /// The severity the policy sets for the rule, if any.
    pub fn severity_for(&self, id: &str, name: &str) -> Option<Severity> {
        self.severity.iter().find(|(k, _)| k.eq_ignore_ascii_case(id) || k.as_str() == name).map(|(_, v)| *v)
    }

    /// Whether the node's package is in scope.
    pub fn in_scope(&self, node: &Node) -> bool {
        self.packages.is_empty() || self.packages.iter().any(|p| p.as_str() == node.package_name.as_ref())
    }

    /// Whether the role counts as broad (case-insensitive).
    pub fn is_broad_role(&self, role: &str) -> bool {
        self.broad_roles.iter().any(|r| r.eq_ignore_ascii_case(role.trim().trim_matches('"')))
    }
}

/// `[score]`: how findings turn into 0–100 scores (see docs/scoring.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ScoreConfig {
    /// Points an open finding of each severity takes off its node's 100.
    pub weights: BTreeMap<Severity, u32>,
    /// The highest score a node with an open critical finding can have.
    pub critical_cap: u32,
    /// Grade boundaries: the lowest score of A, B, C, D (below D is F).
    pub grades: [u32; 4],
}

impl Default for ScoreConfig {
    fn default() -> Self {
        ScoreConfig {
            weights: [(Severity::Low, 2), (Severity::Medium, 5), (Severity::High, 15), (Severity::Critical, 40)]
                .into_iter()
                .collect(),
            critical_cap: 40,
            grades: [90, 80, 70, 60],
        }
    }
}
