//! Typed PHI facts: what the rules build on (undeclared PHI, a declaration with no
//! category, PHI in the wrong place, de-identified models that are not, PHI reaching an
//! exposure). Not judgements: severities and scores belong to the rules.

use serde::Serialize;

use crate::phi::category::SafeHarbor;
use crate::phi::column_flow::ColumnStep;

/// How an undeclared PHI column or node was found.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FoundBy {
    /// The Safe Harbor detector.
    Detected,
    /// Lineage from a PHI node.
    Inherited,
    /// Node-level lineage from a PHI node, with no identifier among the node's known columns.
    PossiblyInherited,
}

/// One PHI fact (the rules judge it: severity and score are theirs).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PhiFact {
    /// PHI that nobody declared: a detected column, or a node holding detected or inherited PHI
    /// with no PHI declaration (tag, meta or PHI schema).
    UndeclaredPhi {
        /// The node.
        unique_id: String,
        /// The column, or `None` for the node.
        column: Option<String>,
        /// The identifier, when known.
        category: Option<SafeHarbor>,
        /// Detected or inherited.
        found_by: FoundBy,
        /// For inherited PHI: the ids from the PHI origin to the node.
        path: Vec<String>,
    },
    /// A column declared PHI without a Safe Harbor category (or with one the policy does not
    /// recognise).
    DeclaredWithoutCategory {
        /// The node.
        unique_id: String,
        /// The column.
        column: String,
        /// The unrecognised value, if one was given.
        unrecognised: Option<String>,
    },
    /// A node holding PHI outside the policy's PHI schemas.
    PhiOutsidePhiSchema {
        /// The node.
        unique_id: String,
        /// Its schema.
        schema: Option<String>,
    },
    /// A node holding PHI in a database or schema that looks like development, with a PHI
    /// column whose masking is not declared (or, when none of its columns is PHI, no masked
    /// column at all).
    PhiInDevSchema {
        /// The node.
        unique_id: String,
        /// The database or schema name.
        location: String,
        /// The policy pattern it matched.
        pattern: String,
        /// Its PHI columns with no declared masking, in column order (empty when the node
        /// holds PHI but none of its columns is PHI).
        unmasked: Vec<String>,
    },
    /// A node declared de-identified that still carries an identifier.
    DeidentifiedCarriesIdentifier {
        /// The node.
        unique_id: String,
        /// The column.
        column: String,
        /// The identifier.
        category: Option<SafeHarbor>,
        /// Column lineage: from the raw column to this one, each step with its transform
        /// (empty when the identifier was found in the column's own name or declaration only).
        #[serde(skip_serializing_if = "Vec::is_empty")]
        path: Vec<ColumnStep>,
    },
    /// A node declared de-identified with no method (`safe_harbor`, `expert_determination`):
    /// the declaration is not accepted and the node inherits PHI.
    DeidentifiedWithoutMethod {
        /// The node.
        unique_id: String,
    },
    /// PHI reaches an exposure (dashboard, extract, application).
    PhiReachesExposure {
        /// The exposure.
        unique_id: String,
        /// The ids from the PHI origin to the exposure.
        path: Vec<String>,
    },
}

impl PhiFact {
    /// The finding's kind, as in JSON (`undeclared_phi`…).
    pub fn kind(&self) -> &'static str {
        match self {
            PhiFact::UndeclaredPhi { .. } => "undeclared_phi",
            PhiFact::DeclaredWithoutCategory { .. } => "declared_without_category",
            PhiFact::PhiOutsidePhiSchema { .. } => "phi_outside_phi_schema",
            PhiFact::PhiInDevSchema { .. } => "phi_in_dev_schema",
            PhiFact::DeidentifiedCarriesIdentifier { .. } => "deidentified_carries_identifier",
            PhiFact::DeidentifiedWithoutMethod { .. } => "deidentified_without_method",
            PhiFact::PhiReachesExposure { .. } => "phi_reaches_exposure",
        }
    }

    /// The node or exposure it is about.
    pub fn unique_id(&self) -> &str {
        match self {
            PhiFact::UndeclaredPhi { unique_id, .. }
            | PhiFact::DeclaredWithoutCategory { unique_id, .. }
            | PhiFact::PhiOutsidePhiSchema { unique_id, .. }
            | PhiFact::PhiInDevSchema { unique_id, .. }
            | PhiFact::DeidentifiedCarriesIdentifier { unique_id, .. }
            | PhiFact::DeidentifiedWithoutMethod { unique_id }
            | PhiFact::PhiReachesExposure { unique_id, .. } => unique_id,
        }
    }
}
