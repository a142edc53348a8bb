//! A policy checked against what it names: rule ids and names against the registry, packages
//! against the project, grade bounds, weights and the critical cap against their ranges. A
//! policy that parses may still name nothing (`disable = ["PHI999"]`, `packages = ["clinc"]`);
//! applied, it would silently change nothing or score nothing, so the CLI stops (exit code 2)
//! and the app shows the problem, as for a policy that does not parse.

use std::collections::BTreeSet;
use std::fmt;

use super::rule;
use crate::findings::Severity;
use crate::model::Project;
use crate::policy::Policy;

/// One value of the policy that names nothing or is out of range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyProblem {
    /// The key, as the file spells it: `[rules] disable`.
    pub key: &'static str,
    /// The bad value, as written: `PHI999`, `critical = 400`.
    pub value: String,
    /// What is wrong with it.
    pub message: String,
}

impl fmt::Display for PolicyProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: `{}` {}", self.key, self.value, self.message)
    }
}

/// Every problem of `policy` as applied to `project`, in the order of `docs/policy.md`; empty
/// when the policy applies.
pub fn validate_policy(policy: &Policy, project: &Project) -> Vec<PolicyProblem> {
    let mut out = Vec::new();
    let unknown_rule = "is not a rule id or name (`phi-lens rules` lists them)";
    for d in &policy.rules.disable {
        if rule(d.trim()).is_none() {
            out.push(PolicyProblem { key: "[rules] disable", value: d.clone(), message: unknown_rule.into() });
        }
    }
    let packages = project_packages(project);
    for p in &policy.rules.packages {
        if !packages.contains(p.as_str()) {
            let known: Vec<&str> = packages.iter().copied().collect();
            out.push(PolicyProblem {
                key: "[rules] packages",
                value: p.clone(),
                message: format!(
                    "is not a package of this project, so nothing would be checked or scored in it (its packages: {})",
                    if known.is_empty() { "none".to_string() } else { known.join(", ") }
                ),
            });
        }
    }
    for id in policy.rules.severity.keys() {
        if rule(id.trim()).is_none() {
            out.push(PolicyProblem { key: "[rules] severity", value: id.clone(), message: unknown_rule.into() });
        }
    }
    let score = &policy.score;
    if score.critical_cap > 100 {
        out.push(PolicyProblem {
            key: "[score] critical_cap",
            value: score.critical_cap.to_string(),
            message: "is out of range: a score is between 0 and 100".into(),
        });
    }
    let [a, b, c, d] = score.grades;
    if !(a <= 100 && a > b && b > c && c > d) {
        out.push(PolicyProblem {
            key: "[score] grades",
            value: format!("[{a}, {b}, {c}, {d}]"),
            message: "must be the lowest scores of A, B, C and D, each lower than the one before, at most 100".into(),
        });
    }
    for (severity, weight) in &score.weights {
        if *weight > 100 {
            out.push(PolicyProblem {
                key: "[score] weights",
                value: format!("{severity} = {weight}"),
                message: "is out of range: a weight is between 0 and 100 points".into(),
            });
        }
    }
    let missing: Vec<&str> =
        Severity::ALL.iter().filter(|s| !score.weights.contains_key(s)).map(|s| s.as_str()).collect();
    if !missing.is_empty() {
        let written: Vec<String> = score.weights.iter().map(|(s, w)| format!("{s} = {w}")).collect();
        out.push(PolicyProblem {
            key: "[score] weights",
            value: format!("{{ {} }}", written.join(", ")),
            message: format!(
                "has no weight for {}: an open finding of that severity would take nothing off (write all four)",
                missing.join(", ")
            ),
        });
    }
    out
}

/// The packages of the project's nodes, tests and exposures.
fn project_packages(project: &Project) -> BTreeSet<&str> {
    project
        .nodes
        .iter()
        .map(|n| n.package_name.as_ref())
        .chain(project.tests.iter().map(|t| t.package_name.as_ref()))
        .chain(project.exposures.iter().map(|e| e.package_name.as_ref()))
        .filter(|p: &&str| !p.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::{load_project, ArtifactKind, ArtifactSet, Input};

    fn project() -> Project {
        let manifest = r#"{"nodes": {"model.clinic.a": {"resource_type": "model", "name": "a", "package_name": "clinic"},
            "model.dbt_utils.b": {"resource_type": "model", "name": "b", "package_name": "dbt_utils"}}}"#;
        let mut set = ArtifactSet::default();
        set.insert(ArtifactKind::Manifest, Input::new("manifest.json", manifest.as_bytes().to_vec()));
        load_project(&set).unwrap().project
    }

    fn problems(toml: &str) -> Vec<String> {
        validate_policy(&Policy::from_toml(toml).unwrap(), &project()).iter().map(ToString::to_string).collect()
    }

    #[test]
    fn the_default_policy_and_names_that_exist_are_fine() {
        assert_eq!(problems(""), Vec::<String>::new());
        let fine = "[rules]\ndisable = [\"doc003\", \"no-source-system\"]\npackages = [\"clinic\"]\n\
                    severity = { TST002 = \"medium\", undeclared-detected-phi = \"critical\" }\n\
                    [score]\ngrades = [95, 85, 75, 65]\ncritical_cap = 100\n\
                    weights = { low = 0, medium = 5, high = 15, critical = 100 }\n";
        assert_eq!(problems(fine), Vec::<String>::new());
    }

    #[test]
    fn names_that_name_nothing_and_values_out_of_range_are_problems() {
        let bad =
            "[rules]\ndisable = [\"PHI999\"]\npackages = [\"clinc\", \"clinic\"]\nseverity = { DOC009 = \"low\" }\n\
                   [score]\ngrades = [80, 90, 70, 60]\ncritical_cap = 140\nweights = { low = 2, critical = 400 }\n";
        assert_eq!(
            problems(bad),
            [
                "[rules] disable: `PHI999` is not a rule id or name (`phi-lens rules` lists them)",
                "[rules] packages: `clinc` is not a package of this project, so nothing would be checked or scored in it \
                 (its packages: clinic, dbt_utils)",
                "[rules] severity: `DOC009` is not a rule id or name (`phi-lens rules` lists them)",
                "[score] critical_cap: `140` is out of range: a score is between 0 and 100",
                "[score] grades: `[80, 90, 70, 60]` must be the lowest scores of A, B, C and D, each lower than the one \
                 before, at most 100",
                "[score] weights: `critical = 400` is out of range: a weight is between 0 and 100 points",
                "[score] weights: `{ low = 2, critical = 400 }` has no weight for medium, high: an open finding of that \
                 severity would take nothing off (write all four)",
            ]
        );
    }
}
