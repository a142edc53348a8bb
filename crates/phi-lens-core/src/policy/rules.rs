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
    /// Roles whose grant on a PHI model is too broad, compared by their words (see
    /// [`RulesConfig::is_broad_role`]): `analyst` covers `ANALYSTS`, `all_analysts` and
    /// `analyst_role`, not `clinical_analyst`.
    pub broad_roles: Vec<String>,
    /// Words that do not narrow a role (`all`, `role`, `group`, `users`…): left out of both
    /// sides before a role is compared with `broad_roles`.
    pub role_noise_words: Vec<String>,
    /// Descriptions that are placeholders, compared case-insensitively after trimming.
    pub placeholder_descriptions: Vec<String>,
    /// A meaningful model description has at least this many characters.
    pub min_description_length: usize,
    /// Meta keys that name a model's source system.
    pub source_system_keys: Vec<String>,
    /// Phrases in a description that name where its data comes from, matched on words (`…`
    /// stands for up to four words of one clause, a word ending in `*` for any ending):
    /// `source system`, `from … table*`.
    pub source_system_phrases: Vec<String>,
    /// Known EHR, claims and interface systems: a description naming one names its source
    /// system (`Epic`, `Cerner`, `CCLF`, `X12 837`).
    pub source_system_names: Vec<String>,
    /// Meta keys that document known limitations.
    pub limitations_keys: Vec<String>,
    /// Phrases (or headings) in a description that document known limitations, matched on
    /// words as `source_system_phrases` are (`only … includ*`, `not … yet`).
    pub limitations_phrases: Vec<String>,
    /// Meta keys that document a row-level-security (row access) policy.
    pub row_access_keys: Vec<String>,
    /// Phrases of a post-hook that apply a row access policy, matched on its words
    /// (`apply_row_access_policy` reads `apply row access policy`).
    pub row_access_hook_patterns: Vec<String>,
    /// Phrases of a post-hook that apply masking (`apply_masking_policy`, `set masking
    /// policy`, Databricks' `set mask`), matched on its words.
    pub masking_hook_patterns: Vec<String>,
    /// Generic tests every model should have at least this many of.
    pub min_generic_tests_per_model: usize,
    /// The ages a person can have, in years: an age range test counts (TST003) only when every
    /// bound it sets lies within them.
    pub plausible_age_range: [u32; 2],
    /// Phrases of a relation's name or description that make it a code set (TST004): a
    /// `relationships` test validates diagnosis codes only against one that holds no PHI.
    pub code_set_phrases: Vec<String>,
    /// Generic test (macro) names, `*` wildcards, that validate diagnosis codes (TST004).
    pub code_validation_tests: Vec<String>,
}

impl Default for RulesConfig {
    fn default() -> Self {
        let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        RulesConfig {
            disable: Vec::new(),
            severity: BTreeMap::new(),
            packages: Vec::new(),
            broad_roles: v(&[
                "public",
                "everyone",
                "all_users",
                "all_authenticated_users",
                "account_users",
                "analyst",
                "reporter",
                "reporting",
            ]),
            role_noise_words: v(&["all", "role", "roles", "group", "groups", "grp", "team", "user", "users"]),
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
                "exported from",
                "comes from",
                "come from",
                "originates in",
                "originate in",
                "feed from",
                "from … table*",
                "from … feed*",
                "from … extract*",
                "from … file*",
                "from … system*",
                "from … api*",
                "from … export*",
                "from … interface*",
            ]),
            source_system_names: v(&[
                "epic",
                "caboodle",
                "cerner",
                "oracle health",
                "meditech",
                "allscripts",
                "veradigm",
                "athenahealth",
                "eclinicalworks",
                "nextgen",
                "netsmart",
                "cprs",
                "trizetto",
                "qnxt",
                "availity",
                "change healthcare",
                "waystar",
                "surescripts",
                "cclf",
                "x12",
                "837",
                "835",
                "834",
            ]),
            limitations_keys: v(&["limitations", "known_limitations", "caveats", "known_issues"]),
            limitations_phrases: v(&[
                "limitation*",
                "caveat*",
                "known issue*",
                "known bug*",
                "known gap*",
                "not include*",
                "exclud*",
                "only … includ*",
                "not captured",
                "not supported",
                "unsupported",
                "not handled",
                "not … yet",
                "not available",
                "incomplete",
                "may not",
                "assum*",
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
                "row level security",
                "row filter",
                "rls",
                "create policy",
            ]),
            masking_hook_patterns: v(&["mask", "masked", "masking"]),
            min_generic_tests_per_model: 1,
            plausible_age_range: [0, 130],
            code_set_phrases: v(&[
                "icd*",
                "terminolog*",
                "vocabular*",
                "code set*",
                "codeset*",
                "value set*",
                "valueset*",
                "diagnosis code*",
                "dx code*",
            ]),
            code_validation_tests: v(&["*valid*icd*", "*icd*valid*", "*valid*diagnos*", "*diagnos*valid*"]),
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

    /// Whether the role counts as broad: its words (split as identifiers are, lower-cased,
    /// a plural `s` dropped), once `role_noise_words` are left out, are those of a role in
    /// `broad_roles`. A principal's kind and domain are not part of its name
    /// (`group:analysts@example.com` reads `analysts`).
    pub fn is_broad_role(&self, role: &str) -> bool {
        let words = |name: &str| -> Vec<String> {
            let name = name.trim().trim_matches('"');
            let name = name.split_once(':').map_or(name, |(_, rest)| rest);
            let name = name.split_once('@').map_or(name, |(local, _)| local);
            crate::names::identifier_words(name)
                .into_iter()
                .map(|w| singular(&w).to_string())
                .filter(|w| !self.role_noise_words.iter().any(|n| singular(&n.to_ascii_lowercase()) == w))
                .collect()
        };
        if role.trim().trim_matches('"').is_empty() {
            return false;
        }
        let role = words(role);
        self.broad_roles.iter().any(|r| words(r) == role)
    }
}

/// A word without its plural `s` (`analysts`, `users`; not `access`, `bus`).
fn singular(word: &str) -> &str {
    match word.strip_suffix('s') {
        Some(stem) if stem.len() >= 3 && !stem.ends_with('s') && !stem.ends_with('u') => stem,
        _ => word,
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
