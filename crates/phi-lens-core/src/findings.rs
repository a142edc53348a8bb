//! The vocabulary of findings, below the rules and the scores that use it: how bad
//! ([`Severity`]), how sure ([`Confidence`]), which family and rule ([`Family`], [`RuleId`]),
//! what a rule looks at ([`Target`]), a [`Finding`] and the [`Waiver`] that may cover it.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::Text;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth fixing; little risk.
    Low,
    /// A real gap in governance or quality.
    Medium,
    /// A gap an auditor will flag.
    High,
    /// PHI exposed or a control defeated: fix before anything else.
    Critical,
}

impl Severity {
    /// Every severity, lowest first.
    pub const ALL: [Severity; 4] = [Severity::Low, Severity::Medium, Severity::High, Severity::Critical];

    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    /// This severity, no higher than the detector's confidence allows: a finding that rests on
    /// a low-confidence detection is low, on a medium one at most medium; a high-confidence
    /// detection keeps the rule's severity.
    pub fn capped_by(self, confidence: Option<Confidence>) -> Severity {
        match confidence {
            Some(Confidence::Low) => Severity::Low,
            Some(Confidence::Medium) => self.min(Severity::Medium),
            Some(Confidence::High) | None => self,
        }
    }

    /// Parses `low`, `medium`, `high`, `critical` (any case).
    pub fn parse(s: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|v| v.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The rule families.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    /// Where PHI is, and whether it is declared, classified, placed and masked.
    PhiGovernance,
    /// Who can read PHI.
    AccessControl,
    /// The docs site as a compliance artifact.
    Documentation,
    /// Tests that catch real problems.
    Testing,
    /// Exposures and the lineage behind them.
    Exposures,
}

impl Family {
    /// The family's id prefix and title, for docs.
    pub fn title(self) -> &'static str {
        match self {
            Family::PhiGovernance => "PHI governance",
            Family::AccessControl => "Access control",
            Family::Documentation => "Documentation as a compliance artifact",
            Family::Testing => "Tests that actually catch problems",
            Family::Exposures => "Exposures and lineage",
        }
    }

    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Family::PhiGovernance => "phi_governance",
            Family::AccessControl => "access_control",
            Family::Documentation => "documentation",
            Family::Testing => "testing",
            Family::Exposures => "exposures",
        }
    }
}

/// What a rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// Models.
    Model,
    /// Sources.
    Source,
    /// Seeds.
    Seed,
    /// Snapshots.
    Snapshot,
    /// Columns of the above.
    Column,
    /// Tests.
    Test,
    /// Exposures.
    Exposure,
}

impl Target {
    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Target::Model => "model",
            Target::Source => "source",
            Target::Seed => "seed",
            Target::Snapshot => "snapshot",
            Target::Column => "column",
            Target::Test => "test",
            Target::Exposure => "exposure",
        }
    }
}

/// How sure a detection is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// The name fits, but the node's subject is not known to be an individual.
    Low,
    /// The name fits and the node's rows are about individuals.
    Medium,
    /// The name says both what the value is and whose it is, or is unambiguous (`ssn`, `mrn`).
    High,
}

impl Confidence {
    /// `low`, `medium`, `high`.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

/// A rule's stable id: one variant per rule of the registry, never reused. Written as its
/// code (`PHI003`) wherever it reaches a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RuleId {
    /// `ACC001`.
    Acc001,
    /// `ACC002`.
    Acc002,
    /// `DOC001`.
    Doc001,
    /// `DOC002`.
    Doc002,
    /// `DOC003`.
    Doc003,
    /// `DOC004`.
    Doc004,
    /// `EXP001`.
    Exp001,
    /// `EXP002`.
    Exp002,
    /// `EXP003`.
    Exp003,
    /// `EXP004`.
    Exp004,
    /// `PHI001`.
    Phi001,
    /// `PHI002`.
    Phi002,
    /// `PHI003`.
    Phi003,
    /// `PHI004`.
    Phi004,
    /// `PHI005`.
    Phi005,
    /// `PHI006`.
    Phi006,
    /// `PHI007`.
    Phi007,
    /// `PHI008`.
    Phi008,
    /// `PHI009`.
    Phi009,
    /// `PHI010`.
    Phi010,
    /// `PHI011`.
    Phi011,
    /// `TST001`.
    Tst001,
    /// `TST002`.
    Tst002,
    /// `TST003`.
    Tst003,
    /// `TST004`.
    Tst004,
    /// `TST005`.
    Tst005,
    /// `TST006`.
    Tst006,
    /// `TST007`.
    Tst007,
    /// `TST008`.
    Tst008,
}

impl RuleId {
    /// Every rule id, in order.
    pub const ALL: &'static [RuleId] = &[
        RuleId::Acc001,
        RuleId::Acc002,
        RuleId::Doc001,
        RuleId::Doc002,
        RuleId::Doc003,
        RuleId::Doc004,
        RuleId::Exp001,
        RuleId::Exp002,
        RuleId::Exp003,
        RuleId::Exp004,
        RuleId::Phi001,
        RuleId::Phi002,
        RuleId::Phi003,
        RuleId::Phi004,
        RuleId::Phi005,
        RuleId::Phi006,
        RuleId::Phi007,
        RuleId::Phi008,
        RuleId::Phi009,
        RuleId::Phi010,
        RuleId::Phi011,
        RuleId::Tst001,
        RuleId::Tst002,
        RuleId::Tst003,
        RuleId::Tst004,
        RuleId::Tst005,
        RuleId::Tst006,
        RuleId::Tst007,
        RuleId::Tst008,
    ];

    /// The code, e.g. `PHI003`.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleId::Acc001 => "ACC001",
            RuleId::Acc002 => "ACC002",
            RuleId::Doc001 => "DOC001",
            RuleId::Doc002 => "DOC002",
            RuleId::Doc003 => "DOC003",
            RuleId::Doc004 => "DOC004",
            RuleId::Exp001 => "EXP001",
            RuleId::Exp002 => "EXP002",
            RuleId::Exp003 => "EXP003",
            RuleId::Exp004 => "EXP004",
            RuleId::Phi001 => "PHI001",
            RuleId::Phi002 => "PHI002",
            RuleId::Phi003 => "PHI003",
            RuleId::Phi004 => "PHI004",
            RuleId::Phi005 => "PHI005",
            RuleId::Phi006 => "PHI006",
            RuleId::Phi007 => "PHI007",
            RuleId::Phi008 => "PHI008",
            RuleId::Phi009 => "PHI009",
            RuleId::Phi010 => "PHI010",
            RuleId::Phi011 => "PHI011",
            RuleId::Tst001 => "TST001",
            RuleId::Tst002 => "TST002",
            RuleId::Tst003 => "TST003",
            RuleId::Tst004 => "TST004",
            RuleId::Tst005 => "TST005",
            RuleId::Tst006 => "TST006",
            RuleId::Tst007 => "TST007",
            RuleId::Tst008 => "TST008",
        }
    }

    /// The rule id with this code, in any case.
    pub fn parse(code: &str) -> Option<RuleId> {
        RuleId::ALL.iter().copied().find(|r| r.as_str().eq_ignore_ascii_case(code.trim()))
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for RuleId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl PartialEq<&str> for RuleId {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<str> for RuleId {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

/// A waiver found in a node's meta: `meta.phi_lens.waive: [{rule: PHI003, reason: "..."}]`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Waiver {
    /// The rule id or name waived.
    pub rule: String,
    /// Why (mandatory; a waiver without a reason is itself reported and not applied).
    pub reason: String,
    /// The column it is limited to, if any.
    pub column: Option<String>,
    /// Who approved it (`approved_by`), as written.
    pub approved_by: Option<String>,
    /// The last day it applies (`expires`, `YYYY-MM-DD`); after it (by the manifest's
    /// `generated_at`) the waiver is not applied.
    pub expires: Option<String>,
}

impl Waiver {
    /// `approved by Dr. Quinn, expires 2026-06-30` (what is known of the two), or `None`.
    pub fn attribution(&self) -> Option<String> {
        waiver_attribution(self.approved_by.as_deref(), self.expires.as_deref())
    }
}

/// How every report words a waiver's approver and expiry: `approved by Dr. Quinn, expires
/// 2026-06-30`, what is known of the two, or `None`.
pub fn waiver_attribution(approved_by: Option<&str>, expires: Option<&str>) -> Option<String> {
    let parts: Vec<String> = [approved_by.map(|a| format!("approved by {a}")), expires.map(|e| format!("expires {e}"))]
        .into_iter()
        .flatten()
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Rule id, e.g. `PHI003`.
    pub rule: RuleId,
    /// Rule name.
    pub rule_name: &'static str,
    /// Family.
    pub family: Family,
    /// Severity after policy overrides.
    pub severity: Severity,
    /// The node, source or exposure it is about.
    pub unique_id: Text,
    /// The column, if it is about one.
    pub column: Option<Text>,
    /// What is wrong, in one or two sentences.
    pub message: String,
    /// How to fix it.
    pub fix: String,
    /// The waiver that covers it, if any: a waived finding is shown, not scored.
    pub waiver: Option<Waiver>,
}

impl Finding {
    /// Whether a waiver covers it.
    pub fn is_waived(&self) -> bool {
        self.waiver.is_some()
    }
}

/// A rule that was not evaluated because an input it reads is missing: shown in every
/// report, never counted as a pass.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct NotEvaluated {
    /// The rule.
    pub rule: RuleId,
    /// Its name.
    pub rule_name: &'static str,
    /// Why, naming the missing input and how to produce it.
    pub reason: String,
}
