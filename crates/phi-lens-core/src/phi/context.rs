//! What a node's rows are about (its grain): patients, health-plan members, clinical records,
//! providers, organisations and places, reference data, pipeline metadata or aggregates. Read
//! from the node's name, and for FHIR tables from the HL7 Patient compartment.
//!
//! The same name means different things in different grains: `city` is PHI in a patient table
//! and not in a facility table; `id` is PHI in `Patient` and not in `CodeSystem`.

use serde::Serialize;

use crate::model::Node;
use crate::phi::category::SafeHarbor;
use crate::phi::tokens::words;

/// What one row of a node is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Grain {
    /// A patient or other individual (person, relative, guarantor).
    Patient,
    /// A health-plan member, beneficiary or subscriber.
    Member,
    /// One individual's clinical, claims or coverage record (encounter, claim, lab result…).
    Record,
    /// A clinician or other provider.
    Provider,
    /// A facility, organisation, payer, plan or place.
    Organization,
    /// Code sets, calendars and other public reference data.
    Reference,
    /// Pipeline, load and audit metadata (dbt artifacts, logs).
    System,
    /// Counts, rates and other aggregates with no individual per row.
    Aggregate,
    /// Not known from the name.
    Unknown,
}

impl Grain {
    /// Whether rows are about one individual.
    pub fn is_individual(self) -> bool {
        matches!(self, Grain::Patient | Grain::Member | Grain::Record)
    }

    /// A short phrase for evidence.
    pub fn phrase(self) -> &'static str {
        match self {
            Grain::Patient => "patients or other individuals",
            Grain::Member => "health-plan members",
            Grain::Record => "records of individual patients",
            Grain::Provider => "providers",
            Grain::Organization => "organisations, facilities or places",
            Grain::Reference => "reference data",
            Grain::System => "pipeline metadata",
            Grain::Aggregate => "aggregates",
            Grain::Unknown => "unknown subjects",
        }
    }
}

/// A FHIR resource table (Aidbox, HAPI and similar stores name tables after the resource).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Fhir {
    /// The resource type.
    pub name: &'static str,
    /// The letter of the resource's logical `id`, `None` outside the Patient compartment.
    pub id_letter: Option<SafeHarbor>,
    /// The first identifier the whole resource JSON is certain to hold.
    pub resource_letter: Option<SafeHarbor>,
}

/// What the classifier knows about a node before it reads its columns.
#[derive(Debug, Clone)]
pub(crate) struct NodeContext {
    /// The grain.
    pub grain: Grain,
    /// The word of the node's name that decided the grain, if any.
    pub because: Option<&'static str>,
    /// The node's own subject word (`billing` in a `billing` table): a column named after it
    /// is the node's key.
    pub own_word: Option<String>,
    /// Set for FHIR resource tables.
    pub fhir: Option<Fhir>,
    /// The node's name or a column's is Portuguese or Spanish: `data`, `mes` in its column
    /// names are a date and a month even where the column's own name has no other word of
    /// those languages (`data_notificacao`).
    pub romance: bool,
}

impl NodeContext {
    /// Nothing known (the context of a node that holds no data).
    pub(crate) fn unknown() -> NodeContext {
        NodeContext { grain: Grain::Unknown, because: None, own_word: None, fhir: None, romance: false }
    }
}

/// How a word of a name is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WordClass {
    Patient,
    /// A person word that is common outside healthcare (`case`, `client`, `contact`): an
    /// individual only in a clinical project.
    WeakPatient,
    Member,
    /// A word of clinical records that is specific to healthcare.
    Record,
    /// A record word that is also common outside healthcare (`order`, `note`, `result`).
    WeakRecord,
    Provider,
    /// `billing`, `rendering`, `attending`…: a provider only when it qualifies an identifier.
    ProviderRole,
    Organization,
    System,
}

/// The class of a canonical word, if it names a subject.
pub(crate) fn word_class(w: &str) -> Option<WordClass> {
    Some(match w {
        "patient" | "person" | "individual" | "resident" | "guarantor" | "guardian" | "mother" | "father"
        | "spouse" | "relative" | "kin" | "mpi" | "decedent" | "newborn" | "infant" | "caregiver" | "household"
        | "baby" | "linelist" | "empi" | "golden" | "epid" | "dependent" | "dependents" => WordClass::Patient,
        "case" | "cases" | "client" | "clients" | "contact" | "contacts" | "participant" | "participants"
        | "respondent" | "child" | "children" | "family" | "subject" | "subjects" | "employer" | "demographics"
        | "demographic" => WordClass::WeakPatient,
        "member" | "beneficiary" | "subscriber" | "enrollee" | "insured" | "policyholder" | "mbi" | "hicn" | "rrb" => {
            WordClass::Member
        }
        "encounter" | "admission" | "discharge" | "claim" | "diagnosis" | "procedure" | "observation" | "lab"
        | "prescription" | "immunization" | "vaccination" | "eligibility" | "enrollment" | "readmission"
        | "readmissions" | "inpatient" | "outpatient" | "hcc" | "specimen" | "accession" | "eob" | "careplan"
        | "allergy" | "vitals" | "vital" | "triage" | "denominator" | "numerator" | "chart" | "emr" | "ehr"
        | "condition" | "medication" | "appointment" | "dispense" | "sample" | "specimens" => WordClass::Record,
        "visit" | "coverage" | "order" | "orders" | "result" | "results" | "record" | "note" | "notes" | "document"
        | "episode" | "stay" | "referral" | "consent" | "invoice" | "cohort" | "exclusion" | "exclusions"
        | "surgery" | "form" | "forms" | "submission" | "questionnaire" | "survey" | "response" | "relationship"
        | "relationships" | "event" | "events" | "assertion" | "satisfaction" | "evaluation" | "evaluations"
        | "assessment" | "assessments" => WordClass::WeakRecord,
        "provider" | "practitioner" | "physician" | "doctor" | "clinician" | "prescriber" | "nurse" | "surgeon"
        | "npi" | "nppes" | "dea" | "tin" | "pcp" | "performer" | "staff" | "gp" | "consultant" | "chw"
        | "caseworker" | "employee" | "user" | "users" | "username" | "collector" | "collectors" | "officer"
        | "enumerator" | "interviewer" | "investigator" | "investigators" | "researcher" | "coordinator" => {
            WordClass::Provider
        }
        "rendering" | "attending" | "operating" | "ordering" | "referring" | "prescribing" | "dispensing"
        | "servicing" | "supervising" | "payto" | "billing" => WordClass::ProviderRole,
        "facility" | "organization" | "location" | "pharmacy" | "payer" | "plan" | "practice" | "hospital"
        | "clinic" | "site" | "department" | "vendor" | "company" | "ccn" | "oscar" | "group" | "tenant" | "store"
        | "territory" | "premise" | "premises" | "establishment" | "business" | "study" | "studies" | "protocol"
        | "sponsor" | "stock" | "inventory" | "supplies" | "equipment" | "asset" | "assets" | "catalog"
        | "catalogue" | "formulary" => WordClass::Organization,
        "dbt" | "owner" | "author" | "committer" | "steward" | "analyst" | "invocation" | "invocations" | "job"
        | "pipeline" | "git" | "commit" | "elementary" | "airbyte" | "fivetran" | "stitch" | "etl" | "telemetry"
        | "audit" | "log" | "logs" | "sync" => WordClass::System,
        _ => return None,
    })
}

fn is_reference_marker(w: &str) -> bool {
    matches!(
        w,
        "terminology"
            | "reference"
            | "calendar"
            | "ontology"
            | "dictionary"
            | "codeset"
            | "valueset"
            | "concept"
            | "definition"
            | "definitions"
    )
}

fn is_code_set_name(w: &str) -> bool {
    matches!(
        w,
        "icd"
            | "cpt"
            | "hcpcs"
            | "loinc"
            | "snomed"
            | "ndc"
            | "rxnorm"
            | "cvx"
            | "drg"
            | "fips"
            | "svi"
            | "factors"
            | "weights"
            | "coefficients"
            | "code"
            | "crosswalk"
            | "mapping"
            | "map"
    )
}

fn is_aggregate_marker(w: &str) -> bool {
    matches!(
        w,
        "pmpm"
            | "rate"
            | "rates"
            | "aggregate"
            | "aggregates"
            | "agg"
            | "kpi"
            | "kpis"
            | "metric"
            | "metrics"
            | "stats"
            | "statistics"
            | "counts"
            | "trend"
            | "trends"
            | "benchmark"
            | "benchmarks"
            | "by"
            | "pareto"
            | "overview"
            | "dashboard"
            | "scorecard"
            | "distribution"
            | "capacity"
            // `beneficiary_expected_number`, `district_targets`: planned counts.
            | "expected"
            | "target"
            | "targets"
            // `fct_brand_daily_performance`, `monthly_visits`: one row per period.
            | "daily"
            | "weekly"
            | "monthly"
            | "quarterly"
            | "yearly"
            | "annual"
            | "performance"
    )
}

/// HL7 FHIR R4 resources of the Patient compartment, and Device (its UDI is identifier M).
const FHIR_PATIENT_COMPARTMENT: [&str; 62] = [
    "Account",
    "AdverseEvent",
    "AllergyIntolerance",
    "Appointment",
    "AppointmentResponse",
    "AuditEvent",
    "Basic",
    "BodyStructure",
    "CarePlan",
    "CareTeam",
    "ChargeItem",
    "Claim",
    "ClaimResponse",
    "ClinicalImpression",
    "Communication",
    "CommunicationRequest",
    "Composition",
    "Condition",
    "Consent",
    "Coverage",
    "CoverageEligibilityRequest",
    "CoverageEligibilityResponse",
    "DetectedIssue",
    "Device",
    "DeviceRequest",
    "DeviceUseStatement",
    "DiagnosticReport",
    "DocumentManifest",
    "DocumentReference",
    "Encounter",
    "EnrollmentRequest",
    "EpisodeOfCare",
    "ExplanationOfBenefit",
    "FamilyMemberHistory",
    "Flag",
    "Goal",
    "ImagingStudy",
    "Immunization",
    "ImmunizationEvaluation",
    "ImmunizationRecommendation",
    "Invoice",
    "MeasureReport",
    "Media",
    "MedicationAdministration",
    "MedicationDispense",
    "MedicationRequest",
    "MedicationStatement",
    "MolecularSequence",
    "NutritionOrder",
    "Observation",
    "Patient",
    "Person",
    "Procedure",
    "Provenance",
    "QuestionnaireResponse",
    "RelatedPerson",
    "ResearchSubject",
    "RiskAssessment",
    "ServiceRequest",
    "Specimen",
    "SupplyDelivery",
    "VisionPrescription",
];

/// FHIR resources outside the Patient compartment (definitions, directories, terminology).
const FHIR_OTHER: [&str; 24] = [
    "ActivityDefinition",
    "CapabilityStatement",
    "CodeSystem",
    "ConceptMap",
    "Endpoint",
    "Group",
    "HealthcareService",
    "InsurancePlan",
    "Library",
    "Location",
    "Measure",
    "Medication",
    "NamingSystem",
    "Organization",
    "OrganizationAffiliation",
    "PlanDefinition",
    "Practitioner",
    "PractitionerRole",
    "Questionnaire",
    "Schedule",
    "SearchParameter",
    "StructureDefinition",
    "StructureMap",
    "ValueSet",
];

/// The FHIR resource a node holds: a table named as the resource is (`Patient`), or, in a
/// source or schema named after FHIR (`fhir.patient` in a lakehouse that lowercases every
/// name), named after it in any case.
fn fhir_of(node: &Node) -> Option<Fhir> {
    let fhir_named = |t: &str| t.to_ascii_lowercase().contains("fhir");
    let in_fhir = node.source_name.as_deref().is_some_and(fhir_named) || node.schema.as_deref().is_some_and(fhir_named);
    // `fhir_patient`, `fhir_medication_request`: a model named after the resource it builds.
    let stem = node.name.get(..5).filter(|p| p.eq_ignore_ascii_case("fhir_")).map(|_| &node.name[5..]);
    match stem {
        Some(stem) if !stem.is_empty() => {
            let flat: String = stem.chars().filter(|c| *c != '_').collect();
            fhir(&node.name, in_fhir).or_else(|| fhir(&flat, true))
        }
        _ => fhir(&node.name, in_fhir),
    }
}

fn fhir(name: &str, any_case: bool) -> Option<Fhir> {
    // Every resource name starts with a capital letter: most node names are ruled out at once.
    if !any_case && !name.as_bytes().first().is_some_and(u8::is_ascii_uppercase) {
        return None;
    }
    let same = |r: &str| if any_case { r.eq_ignore_ascii_case(name) } else { r == name };
    if let Some(&n) = FHIR_PATIENT_COMPARTMENT.iter().find(|&&r| same(r)) {
        let (id_letter, resource_letter) = match n {
            "Patient" | "Person" | "RelatedPerson" => (SafeHarbor::R, SafeHarbor::A),
            "Account" => (SafeHarbor::J, SafeHarbor::C),
            "Device" => (SafeHarbor::M, SafeHarbor::M),
            _ => (SafeHarbor::R, SafeHarbor::C),
        };
        return Some(Fhir { name: n, id_letter: Some(id_letter), resource_letter: Some(resource_letter) });
    }
    FHIR_OTHER.iter().find(|&&r| same(r)).map(|&n| Fhir { name: n, id_letter: None, resource_letter: None })
}

/// Words of a node name that say the project is about patients even when the node's own
/// grain is unknown.
pub(crate) fn is_clinical_marker(w: &str) -> bool {
    matches!(
        w,
        "fhir"
            | "hl7"
            | "clinical"
            | "medical"
            | "healthcare"
            | "health"
            | "ehr"
            | "emr"
            | "hospital"
            | "cclf"
            | "hedis"
            | "omop"
            | "nhs"
            | "disease"
            | "diseases"
            | "surveillance"
            | "syndrome"
            | "epi"
            | "epidemiology"
            | "vaccine"
            | "vaccination"
            | "immunization"
            | "immunisation"
            | "clinic"
            | "patient"
            | "patients"
            | "icd"
            | "snomed"
            | "loinc"
            | "diagnosis"
            | "symptom"
            | "symptoms"
            | "pharmacy"
            | "dental"
            | "trial"
            | "sdtm"
            | "adam"
            | "mrn"
            | "medicare"
            | "medicaid"
            | "inpatient"
            | "outpatient"
            | "admission"
            | "discharge"
            | "triage"
    )
}

/// Reads a node's grain from its name. `clinical` says whether the project as a whole is
/// about patients: only then do common words (`order`, `result`, `visit`) mean clinical records.
pub(crate) fn node_context(node: &Node, clinical: bool) -> NodeContext {
    if let Some(f) = fhir_of(node) {
        let grain = match (f.id_letter, f.name) {
            (Some(_), "Patient" | "Person" | "RelatedPerson") => Grain::Patient,
            (Some(_), _) => Grain::Record,
            (None, "Organization" | "Location" | "HealthcareService" | "Endpoint" | "InsurancePlan") => {
                Grain::Organization
            }
            (None, "Practitioner" | "PractitionerRole") => Grain::Provider,
            (None, _) => Grain::Reference,
        };
        return NodeContext { grain, because: Some(f.name), own_word: None, fhir: Some(f), romance: false };
    }
    let mut buf = String::new();
    let ws = words(&node.name, &mut buf);
    keyed_by_person(source_prefix_says_nothing(grain_of_words(&ws, clinical), &node.name, clinical), node, clinical)
}

/// dbt's naming convention `stg_<source>__<entity>`: the source system (`stg_hospital__treatments`,
/// `stg_clinic_emr__visits`) names where the rows come from, not what they are about; a grain
/// read from it alone (an organisation, a provider) says nothing, and the entity's words decide.
fn source_prefix_says_nothing(ctx: NodeContext, name: &str, clinical: bool) -> NodeContext {
    if !matches!(ctx.grain, Grain::Organization | Grain::Provider) {
        return ctx;
    }
    let Some((_, entity)) = name.rsplit_once("__") else { return ctx };
    let mut buf = String::new();
    let entity_ctx = grain_of_words(&words(entity, &mut buf), clinical);
    if entity_ctx.grain == Grain::Unknown {
        NodeContext::unknown()
    } else {
        entity_ctx
    }
}

/// A node named as an aggregate (`agg_member_enrollment_summary`) whose columns include a
/// person's key (`member_id`, `patient_key`) has one row per individual: a summary *of* each
/// person, whose dates are that person's (§C1), not a count per calendar bucket (§X5).
/// A node named after an organisation (`clinic_data`) whose columns include a person's key or
/// a date of birth holds rows about individuals the same way.
fn keyed_by_person(ctx: NodeContext, node: &Node, clinical: bool) -> NodeContext {
    // (A table read as a list of codes from its last word alone, MIMIC's `code_status`, whose
    // columns include a person's key holds records of individuals: §X5.)
    // (A table read as code sets from a word of its name, `parent_dependent_crosswalk`,
    // `hlagyn_01_convert_types`, is read the same way.)
    let code_list =
        ctx.grain == Grain::Reference && ctx.because.is_some_and(|w| is_code_list_ending(w) || is_code_set_name(w));
    // Only a word that always means a person (`dependent_id`, not `case_id`) overrides a
    // code-set name (`mapping`, `crosswalk`).
    let code_set_name = code_list && ctx.because.is_some_and(is_code_set_name);
    if !matches!(ctx.grain, Grain::Aggregate | Grain::Organization) && !code_list {
        return ctx;
    }
    let mut buf = String::new();
    // An age and a sex in the same row of a "code list": the rows are individuals' records
    // (a lab's results with each patient's age and sex), not a list of codes (§X5).
    if code_list {
        let named = |n: &[&str]| node.columns.iter().any(|c| n.iter().any(|m| c.name.eq_ignore_ascii_case(m)));
        if named(&["age", "idade", "edad", "patient_age"]) && named(&["sex", "gender", "sexo", "genero", "patient_sex"])
        {
            return NodeContext {
                grain: Grain::Record,
                because: Some("record"),
                own_word: None,
                fhir: None,
                romance: ctx.romance,
            };
        }
    }
    for c in &node.columns {
        // Only names that can be a person key or a birth date are split into words.
        let lower_ends = |suffix: &str| {
            c.name.len() >= suffix.len()
                && c.name.as_bytes()[c.name.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
        };
        // (`birth`, or `dob`: the spellings `words` reads as a birth date.)
        let born = matches!(ctx.grain, Grain::Organization | Grain::Reference) && {
            let b = c.name.as_bytes();
            b.windows(5).any(|w| w.eq_ignore_ascii_case(b"birth"))
                || b.windows(3).any(|w| w.eq_ignore_ascii_case(b"dob"))
        };
        if !(born || lower_ends("id") || lower_ends("key") || lower_ends("sk")) {
            continue;
        }
        let ws = words(&c.name, &mut buf);
        if matches!(ctx.grain, Grain::Organization | Grain::Reference) && ws.contains(&"birth") && ws.contains(&"date")
        {
            return NodeContext {
                grain: Grain::Patient,
                because: Some("birth"),
                own_word: None,
                fhir: None,
                romance: ctx.romance,
            };
        }
        // (`coral_parent_id`, `dependent_id`: one qualifier before the person word is allowed.)
        let person_key = match ws.as_slice() {
            [person, "id" | "key" | "sk"] | [_, person, "id" | "key" | "sk"] => Some(*person),
            _ => None,
        };
        if let Some(person) = person_key {
            let grain = match word_class(person) {
                // MIMIC's `subject_id`, a study's `participant_id`, in a project about patients.
                Some(WordClass::Patient | WordClass::Member) if code_list => Grain::Record,
                Some(WordClass::WeakPatient) if code_list && !code_set_name && clinical => Grain::Record,
                Some(WordClass::Patient) => Grain::Patient,
                Some(WordClass::Member) => Grain::Member,
                _ => continue,
            };
            return NodeContext {
                grain,
                because: static_word(person),
                own_word: Some(person.to_string()),
                fhir: None,
                romance: ctx.romance,
            };
        }
    }
    ctx
}

/// Whether a row about a person points to a separate table of addresses: a node named after
/// people (`person`, `patients`, `members`) with a `location_id` or `address_id` column (OMOP's
/// `person.location_id`, a patient's `address_id`).
pub(crate) fn people_point_to_addresses(project: &crate::model::Project) -> bool {
    let ends = |name: &str, suffix: &str| {
        name.len() >= suffix.len()
            && name.as_bytes()[name.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
    };
    let mut buf = String::new();
    let data = || project.nodes.iter().filter(|n| n.resource_type.holds_data());
    // The OMOP Common Data Model points `person.location_id` at its `location` table by
    // definition: a project holding two of the CDM's clinical event tables follows it, even
    // when its `person` table is not declared.
    let omop = data()
        .filter(|n| {
            matches!(
                n.name.to_ascii_lowercase().as_str(),
                "condition_occurrence"
                    | "drug_exposure"
                    | "visit_occurrence"
                    | "procedure_occurrence"
                    | "observation_period"
                    | "device_exposure"
                    | "measurement"
                    | "condition_era"
                    | "drug_era"
            )
        })
        .count()
        >= 2;
    omop || data().any(|n| {
        n.columns.iter().any(|c| ends(&c.name, "location_id") || ends(&c.name, "address_id"))
            && words(&n.name, &mut buf)
                .iter()
                .any(|w| matches!(word_class(w), Some(WordClass::Patient | WordClass::Member)))
    })
}

/// A table named only after locations or addresses (`location`, `dim_address`), in a project
/// whose rows about people point to such a table, holds the people's addresses (§B1: the
/// addresses kept apart that patients point to), not a facility's.
pub(crate) fn addresses_of_people(ctx: NodeContext, node: &Node) -> NodeContext {
    if ctx.grain != Grain::Organization || !matches!(ctx.own_word.as_deref(), Some("location" | "address")) {
        return ctx;
    }
    let mut buf = String::new();
    let ws = words(&node.name, &mut buf);
    let other_subject = ws.iter().any(|w| {
        !matches!(*w, "location" | "address")
            && matches!(word_class(w), Some(WordClass::Organization | WordClass::Provider))
    });
    // A location table that names its locations or gives their NPI or type (a connector's
    // `location`: `name`, `npi`, `facility_type`) lists facilities.
    let facility_columns = node.columns.iter().any(|c| {
        let ws = words(&c.name, &mut buf);
        matches!(ws.as_slice(), ["name"] | ["npi"] | [.., "location" | "facility" | "site", "name" | "type"])
            || ws.iter().any(|w| matches!(word_class(w), Some(WordClass::Organization)) && *w != "location")
    });
    if other_subject || facility_columns {
        return ctx;
    }
    NodeContext {
        grain: Grain::Patient,
        because: Some("address"),
        own_word: ctx.own_word,
        fhir: None,
        romance: ctx.romance,
    }
}

/// [`node_context`] and whether some word of the node's name passes `marker`, the name read once.
pub(crate) fn node_context_and(
    node: &Node,
    clinical: bool,
    marker: fn(&str) -> bool,
    buf: &mut String,
) -> (NodeContext, bool) {
    let ws = words(&node.name, buf);
    let marked = ws.iter().any(|w| marker(w));
    match fhir_of(node) {
        Some(_) => (node_context(node, clinical), marked),
        None => (
            keyed_by_person(
                source_prefix_says_nothing(grain_of_words(&ws, clinical), &node.name, clinical),
                node,
                clinical,
            ),
            marked,
        ),
    }
}

/// The grain of a name's words (see [`node_context`]).
pub(crate) fn grain_of_words(ws: &[&str], clinical: bool) -> NodeContext {
    let ctx = |grain, because: Option<&'static str>, own: Option<&str>| NodeContext {
        grain,
        because,
        own_word: own.map(str::to_string),
        fhir: None,
        romance: false,
    };
    if let Some(w) = ws.iter().find(|w| matches!(word_class(w), Some(WordClass::System))) {
        return ctx(Grain::System, static_word(w), None);
    }
    if let Some(w) = ws.iter().find(|w| is_reference_marker(w)) {
        return ctx(Grain::Reference, static_word(w), None);
    }
    if ws.windows(2).any(|p| p[0] == "value" && p[1] == "set") {
        return ctx(Grain::Reference, Some("value set"), None);
    }
    // `dim_date`, `date_spine`, `dates`: a calendar, one row per day for everyone.
    let content: Vec<&&str> = ws
        .iter()
        .filter(|w| {
            !matches!(
                **w,
                "dim"
                    | "dimension"
                    | "d"
                    | "stg"
                    | "int"
                    | "ref"
                    | "util"
                    | "utils"
                    | "base"
                    | "table"
                    | "master"
                    | "lkp"
                    // dbt's semantic layer's `metricflow_time_spine`.
                    | "metricflow"
            )
        })
        .collect();
    if !content.is_empty() && content.iter().all(|w| is_unit_word(w)) {
        return ctx(Grain::Reference, Some("calendar"), None);
    }
    if let Some(w) = ws.iter().find(|w| is_aggregate_marker(w)) {
        return ctx(Grain::Aggregate, static_word(w), None);
    }
    // `bse_dbo_districts`, `raw_emr__upazilas`: a list of places, named by its last word
    // whatever source and schema prefixes come before it (§B3), when no word names people,
    // records or organisations.
    if ws.last().is_some_and(|w| is_place_unit(w)) && ws.iter().all(|w| word_class(w).is_none()) {
        return ctx(Grain::Reference, Some("list of places"), None);
    }
    // Epic Clarity's `ZC_` tables (`zc_patient_race`) list a category's codes.
    if ws.first() == Some(&"zc")
        || ws.windows(2).any(|p| p[1] == "zc" && matches!(p[0], "stg" | "base" | "src" | "epic"))
    {
        return ctx(Grain::Reference, Some("code"), None);
    }
    // `diagnosis_codes`, `encounter_types`: a list of codes, not of records; `01_convert_types`,
    // `cast_types`: a pipeline step that converts column types.
    let step = ws.len() >= 2
        && matches!(ws[ws.len() - 2], "convert" | "cast" | "fix" | "coerce" | "standardize" | "normalize");
    if let Some(w) = ws.last().filter(|w| is_code_list_ending(w) && !step) {
        return ctx(Grain::Reference, static_word(w), None);
    }
    // CDISC SDTM domains (`ae`, `ex`, `lb`, `dm`): one row per subject's event, or per
    // subject, in a clinical project.
    if clinical {
        match ws.last().copied() {
            Some("dm") => return ctx(Grain::Patient, Some("subject"), None),
            Some("ae" | "cm" | "ex" | "lb" | "vs" | "mh" | "ds" | "dv" | "sv" | "eg" | "qs" | "su" | "ec" | "fa") => {
                return ctx(Grain::Record, Some("record"), None)
            }
            _ => {}
        }
    }
    // `person_locations`, `patient_address`: the locations of individuals.
    let located = ws.iter().any(|w| matches!(*w, "location" | "address" | "residence"));
    if located {
        if let Some(w) = ws.iter().find(|w| matches!(word_class(w), Some(WordClass::Patient | WordClass::Member))) {
            return ctx(Grain::Patient, static_word(w), Some(w));
        }
    }
    for (i, raw) in ws.iter().enumerate().rev() {
        // Table names are plurals (`medications`, `allergies`, `careplans`): in a project about
        // patients, read the singular when the word itself is unknown (elsewhere `labs` and
        // `samples` mean other things, and do not make a project clinical).
        let singular = if clinical { singular_of(raw) } else { None };
        let w: &str = match (word_class(raw), &singular) {
            (Some(_), _) => raw,
            (None, Some(s)) => s,
            (None, None) => continue,
        };
        let grain = match word_class(w) {
            Some(WordClass::Patient) => Grain::Patient,
            Some(WordClass::WeakPatient) if clinical => Grain::Patient,
            Some(WordClass::Member) => Grain::Member,
            Some(WordClass::Record) => Grain::Record,
            Some(WordClass::WeakRecord) if clinical => Grain::Record,
            Some(WordClass::Provider) => Grain::Provider,
            Some(WordClass::Organization) => Grain::Organization,
            // A table named after an activity (`billing`, `dispensing`) holds its records.
            Some(WordClass::ProviderRole) if i + 1 == ws.len() => Grain::Record,
            _ => continue,
        };
        return ctx(grain, static_word(w), Some(w));
    }
    if let Some(w) = ws.iter().find(|w| is_code_set_name(w) || matches!(**w, "lookup" | "lkp" | "taxonomy")) {
        return ctx(Grain::Reference, static_word(w), None);
    }
    ctx(Grain::Unknown, None, None)
}

/// The singular of a plural word (`allergies` → `allergy`, `careplans` → `careplan`), if it
/// looks like one.
fn singular_of(w: &str) -> Option<String> {
    if let Some(stem) = w.strip_suffix("ies").filter(|s| s.len() >= 3) {
        return Some(format!("{stem}y"));
    }
    w.strip_suffix('s').filter(|s| s.len() >= 3 && !s.ends_with('s') && !s.ends_with('u')).map(str::to_string)
}

/// Words of a calendar or a geography: a node named only with them (`dim_date`,
/// `dim_epi_week`, `dim_sub_county`) lists units shared by everyone (§B3, §C4).
fn is_unit_word(w: &str) -> bool {
    matches!(
        w,
        "date"
            | "dates"
            | "day"
            | "days"
            | "week"
            | "weeks"
            | "month"
            | "months"
            | "year"
            | "years"
            | "quarter"
            | "epi"
            | "epiweek"
            | "epiweeks"
            | "spine"
            | "time"
            | "county"
            | "counties"
            | "sub"
            | "subcounty"
            | "ward"
            | "wards"
            | "district"
            | "districts"
            | "region"
            | "regions"
            | "state"
            | "states"
            | "country"
            | "countries"
            | "geography"
            | "geo"
            | "zip"
            | "postcode"
    )
}

/// The last word of a table named as a list of codes (`diagnosis_codes`, `encounter_types`).
fn is_code_list_ending(w: &str) -> bool {
    matches!(w, "code" | "type" | "types" | "categories" | "specialties" | "status" | "statuses" | "kinds")
}

/// Subdivisions a table of places lists, one row per place.
fn is_place_unit(w: &str) -> bool {
    matches!(
        w,
        "county"
            | "counties"
            | "subcounty"
            | "ward"
            | "wards"
            | "district"
            | "districts"
            | "subdistrict"
            | "subdistricts"
            | "upazila"
            | "upazilas"
            | "province"
            | "provinces"
            | "municipality"
            | "municipalities"
            | "region"
            | "regions"
            | "geography"
    )
}

/// The `'static` spelling of a known word, for evidence.
fn static_word(w: &str) -> Option<&'static str> {
    const KNOWN: &[&str] = &[
        "patient",
        "person",
        "individual",
        "resident",
        "guarantor",
        "guardian",
        "mother",
        "father",
        "spouse",
        "relative",
        "kin",
        "mpi",
        "decedent",
        "newborn",
        "infant",
        "member",
        "beneficiary",
        "subscriber",
        "enrollee",
        "insured",
        "policyholder",
        "mbi",
        "hicn",
        "rrb",
        "encounter",
        "admission",
        "discharge",
        "claim",
        "diagnosis",
        "procedure",
        "observation",
        "lab",
        "prescription",
        "immunization",
        "vaccination",
        "eligibility",
        "enrollment",
        "readmission",
        "readmissions",
        "inpatient",
        "outpatient",
        "hcc",
        "specimen",
        "accession",
        "eob",
        "careplan",
        "allergy",
        "vitals",
        "vital",
        "triage",
        "denominator",
        "numerator",
        "chart",
        "emr",
        "ehr",
        "visit",
        "appointment",
        "condition",
        "medication",
        "coverage",
        "order",
        "orders",
        "result",
        "results",
        "record",
        "note",
        "notes",
        "document",
        "episode",
        "stay",
        "referral",
        "consent",
        "invoice",
        "billing",
        "cohort",
        "exclusion",
        "exclusions",
        "dispense",
        "surgery",
        "provider",
        "practitioner",
        "physician",
        "doctor",
        "clinician",
        "prescriber",
        "nurse",
        "surgeon",
        "npi",
        "nppes",
        "dea",
        "tin",
        "pcp",
        "performer",
        "staff",
        "facility",
        "organization",
        "location",
        "pharmacy",
        "payer",
        "plan",
        "practice",
        "hospital",
        "clinic",
        "site",
        "department",
        "vendor",
        "company",
        "ccn",
        "oscar",
        "group",
        "tenant",
        "store",
        "territory",
        "dbt",
        "owner",
        "author",
        "committer",
        "steward",
        "analyst",
        "invocation",
        "invocations",
        "job",
        "pipeline",
        "git",
        "commit",
        "elementary",
        "airbyte",
        "fivetran",
        "stitch",
        "etl",
        "terminology",
        "reference",
        "calendar",
        "ontology",
        "lookup",
        "lkp",
        "dictionary",
        "codeset",
        "valueset",
        "concept",
        "taxonomy",
        "icd",
        "cpt",
        "hcpcs",
        "loinc",
        "snomed",
        "ndc",
        "rxnorm",
        "cvx",
        "drg",
        "fips",
        "svi",
        "factors",
        "weights",
        "coefficients",
        "code",
        "type",
        "types",
        "categories",
        "specialties",
        "status",
        "statuses",
        "kinds",
        "crosswalk",
        "mapping",
        "map",
        "pmpm",
        "rate",
        "rates",
        "aggregate",
        "aggregates",
        "agg",
        "kpi",
        "kpis",
        "metric",
        "metrics",
        "stats",
        "statistics",
        "counts",
        "trend",
        "trends",
        "benchmark",
        "benchmarks",
        "by",
    ];
    KNOWN.iter().copied().find(|k| *k == w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_aggregate_keyed_by_a_person_has_one_row_per_individual() {
        let project = crate::rules::testing::project(
            r#"{"nodes": {
                "model.p.agg_member_enrollment_summary": {"resource_type": "model", "name": "agg_member_enrollment_summary",
                    "columns": {"member_id": {"name": "member_id"}, "first_screening_date": {"name": "first_screening_date"}}},
                "model.p.clinic_data": {"resource_type": "model", "name": "clinic_data",
                    "columns": {"pat_dob": {"name": "pat_dob"}}},
                "model.p.agg_visits_by_month": {"resource_type": "model", "name": "agg_visits_by_month",
                    "columns": {"visit_month": {"name": "visit_month"}, "patient_count": {"name": "patient_count"}}}
            }}"#,
        );
        let grain = |name: &str| node_context(project.nodes.iter().find(|n| n.name == name).unwrap(), true).grain;
        assert_eq!(grain("agg_member_enrollment_summary"), Grain::Member);
        assert_eq!(grain("agg_visits_by_month"), Grain::Aggregate);
        assert_eq!(grain("clinic_data"), Grain::Patient);
    }

    #[test]
    fn round_nine_a_list_keyed_by_a_person_and_a_list_of_places() {
        let project = crate::rules::testing::project(
            r#"{"nodes": {
                "model.p.code_status": {"resource_type": "model", "name": "code_status",
                    "columns": {"subject_id": {"name": "subject_id"}, "dnr": {"name": "dnr"}}},
                "model.p.encounter_types": {"resource_type": "model", "name": "encounter_types",
                    "columns": {"encounter_type_id": {"name": "encounter_type_id"}}},
                "model.p.bse_dbo_districts": {"resource_type": "model", "name": "bse_dbo_districts",
                    "columns": {"district_name": {"name": "district_name"}}}
            }}"#,
        );
        let grain = |name: &str| node_context(project.nodes.iter().find(|n| n.name == name).unwrap(), true).grain;
        // §X5: a person key in a supposed list of codes means records of individuals.
        assert_eq!(grain("code_status"), Grain::Record);
        assert_eq!(grain("encounter_types"), Grain::Reference);
        // §B3: a list of places, whatever source and schema prefix its name.
        assert_eq!(grain("bse_dbo_districts"), Grain::Reference);
    }

    #[test]
    fn a_source_system_prefix_and_a_table_of_addresses_read_by_what_their_rows_are() {
        let project = crate::rules::testing::project(
            r#"{"nodes": {
                "model.p.stg_hospital__treatments": {"resource_type": "model", "name": "stg_hospital__treatments"},
                "model.p.stg_hospital__departments": {"resource_type": "model", "name": "stg_hospital__departments"},
                "model.p.person": {"resource_type": "model", "name": "person",
                    "columns": {"person_id": {"name": "person_id"}, "location_id": {"name": "location_id"}}},
                "model.p.location": {"resource_type": "model", "name": "location",
                    "columns": {"location_id": {"name": "location_id"}, "address_1": {"name": "address_1"}}},
                "model.p.care_site": {"resource_type": "model", "name": "care_site"}
            }}"#,
        );
        let node = |name: &str| project.nodes.iter().find(|n| n.name == name).unwrap();
        let grain = |name: &str| node_context(node(name), true).grain;
        // `stg_<source>__<entity>`: the source system says where rows come from, not what they are.
        assert_eq!(grain("stg_hospital__treatments"), Grain::Unknown);
        assert_eq!(grain("stg_hospital__departments"), Grain::Organization);
        // People point to a table of locations: its rows are their addresses.
        assert!(people_point_to_addresses(&project));
        assert_eq!(addresses_of_people(node_context(node("location"), true), node("location")).grain, Grain::Patient);
        assert_eq!(
            addresses_of_people(node_context(node("care_site"), true), node("care_site")).grain,
            grain("care_site")
        );
    }

    #[test]
    fn round_ten_person_columns_lowercase_fhir_and_the_omop_location() {
        let project = crate::rules::testing::project(
            r#"{"nodes": {
                "model.p.int__parent_dependent_crosswalk": {"resource_type": "model", "name": "int__parent_dependent_crosswalk",
                    "columns": {"dependent_id": {"name": "dependent_id"}, "dependent_first_name": {"name": "dependent_first_name"}}},
                "model.p.lab_01_convert_types": {"resource_type": "model", "name": "lab_01_convert_types",
                    "columns": {"age": {"name": "age"}, "date_testing": {"name": "date_testing"}}},
                "model.p.lab_results_types": {"resource_type": "model", "name": "lab_results_types",
                    "columns": {"age": {"name": "age"}, "sex": {"name": "sex"}, "result": {"name": "result"}}},
                "model.p.mapping": {"resource_type": "model", "name": "mapping",
                    "columns": {"case_id": {"name": "case_id"}, "county": {"name": "county"}}},
                "model.p.stg_epic__zc_patient_race": {"resource_type": "model", "name": "stg_epic__zc_patient_race"},
                "model.p.cohort_definition": {"resource_type": "model", "name": "cohort_definition"},
                "model.p.fhir_medication_request": {"resource_type": "model", "name": "fhir_medication_request"},
                "model.p.condition_occurrence": {"resource_type": "model", "name": "condition_occurrence"},
                "model.p.drug_exposure": {"resource_type": "model", "name": "drug_exposure"},
                "model.p.location": {"resource_type": "model", "name": "location",
                    "columns": {"location_id": {"name": "location_id"}, "city": {"name": "city"}}},
                "model.p.facility_location": {"resource_type": "model", "name": "location_v2",
                    "columns": {"location_id": {"name": "location_id"}, "name": {"name": "name"}, "npi": {"name": "npi"}}}
            },
            "sources": {
                "source.p.fhir.encounter": {"resource_type": "source", "name": "encounter", "source_name": "fhir"},
                "source.p.raw.encounter": {"resource_type": "source", "name": "encounter", "source_name": "raw"}
            }}"#,
        );
        let node = |id: &str| project.nodes.iter().find(|n| &*n.unique_id == id).unwrap();
        let grain = |id: &str| node_context(node(id), true).grain;
        // A `dependent` is a person: a crosswalk keyed by one holds individuals (§X1, §X5).
        assert_eq!(grain("model.p.int__parent_dependent_crosswalk"), Grain::Patient);
        // A code-set name does not make rows of a lab's results (age and sex per row) a code list.
        assert_eq!(grain("model.p.lab_results_types"), Grain::Record);
        // `convert_types` is a pipeline step, not a list of types.
        assert_ne!(grain("model.p.lab_01_convert_types"), Grain::Reference);
        // A weak person word (`case`) does not override a code-set name.
        assert_eq!(grain("model.p.mapping"), Grain::Reference);
        // Epic Clarity's ZC_ tables and definitions are reference data.
        assert_eq!(grain("model.p.stg_epic__zc_patient_race"), Grain::Reference);
        assert_eq!(grain("model.p.cohort_definition"), Grain::Reference);
        // A lakehouse's lowercase FHIR tables, in a source named after FHIR.
        assert_eq!(node_context(node("source.p.fhir.encounter"), true).fhir.map(|f| f.name), Some("Encounter"));
        assert!(node_context(node("source.p.raw.encounter"), true).fhir.is_none());
        // A model named `fhir_<resource>` builds that resource.
        assert_eq!(
            node_context(node("model.p.fhir_medication_request"), true).fhir.map(|f| f.name),
            Some("MedicationRequest")
        );
        // OMOP's `location` holds the people's addresses; a location table with names and NPIs, facilities.
        assert!(people_point_to_addresses(&project));
        let location = node("model.p.location");
        assert_eq!(addresses_of_people(node_context(location, true), location).grain, Grain::Patient);
        let facility = node("model.p.facility_location");
        assert_eq!(addresses_of_people(node_context(facility, true), facility).grain, Grain::Organization);
    }
}
