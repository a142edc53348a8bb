//! The Safe Harbor detector: reads a column's name (as words), its data type, its description
//! and its node's grain, and says which of the 18 identifiers it holds, how sure it is, and why.
//!
//! Rules, not a trained model. In order: what the column is not (flags, counts, intervals,
//! load metadata, year-only values), whose value it is (the right-most subject word of the
//! name, else the node's grain: a provider's or facility's identifiers are not patient PHI),
//! then which identifier it names.

mod dates;
mod identifiers;
mod keys;
mod names_places;
mod structured;
mod vocabulary;

use serde::Serialize;

use crate::findings::Confidence;
use crate::model::Column;
use crate::phi::category::SafeHarbor;
use crate::phi::context::{word_class, Grain, NodeContext, WordClass};
use crate::phi::tokens::words;
use vocabulary::*;

/// A detected identifier.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Detection {
    /// The Safe Harbor identifier.
    pub category: SafeHarbor,
    /// The paragraph of `docs/safe-harbor.md` the decision applies (`C1`, `R2`…).
    pub paragraph: Paragraph,
    /// How sure.
    pub confidence: Confidence,
    /// What fired, in words.
    pub evidence: Vec<String>,
}

/// The detector's answer for one column: a detection, or a reason it is not PHI when a
/// PHI-looking word was seen and set aside (`npi`: a provider's identifier).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Verdict {
    /// The detection, if any.
    pub detection: Option<Detection>,
    /// Why a PHI-looking name is not PHI here.
    pub not_phi: Option<String>,
    /// The paragraph of `docs/safe-harbor.md` that says it is not PHI, with `not_phi`.
    pub not_phi_paragraph: Option<Paragraph>,
}

/// A paragraph of `docs/safe-harbor.md` (the standard phi-lens applies): its id, such as `C1`.
pub type Paragraph = &'static str;

/// Every paragraph id of `docs/safe-harbor.md`, in the document's order (a test ties the two).
pub const PARAGRAPHS: [Paragraph; 32] = [
    "X1", "X2", "X3", "X4", "X5", "X6", "A1", "A2", "B1", "B2", "B3", "C1", "C2", "C3", "C4", "D1", "E1", "F1", "G1",
    "H1", "I1", "J1", "K1", "L1", "M1", "N1", "O1", "P1", "Q1", "R1", "R2", "R3",
];

/// A verdict of "not PHI", citing the paragraph that says so.
fn not_phi(paragraph: Paragraph, why: impl Into<String>) -> Verdict {
    Verdict { detection: None, not_phi: Some(why.into()), not_phi_paragraph: Some(paragraph) }
}

/// What kind of value a data type holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TypeKind {
    Date,
    Boolean,
    Number,
    Text,
    Json,
    Unknown,
}

fn type_kind(t: Option<&str>) -> TypeKind {
    let Some(t) = t else { return TypeKind::Unknown };
    let t = t.trim();
    let starts = |p: &str| t.len() >= p.len() && t.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    if t.is_empty() {
        TypeKind::Unknown
    } else if starts("bool") {
        TypeKind::Boolean
    } else if starts("date") || starts("time") {
        TypeKind::Date
    } else if starts("json") || starts("variant") || starts("struct") || starts("object") {
        TypeKind::Json
    } else if ["int", "bigint", "smallint", "tinyint", "number", "numeric", "decimal", "float", "double", "real"]
        .iter()
        .any(|p| starts(p))
    {
        TypeKind::Number
    } else {
        TypeKind::Text
    }
}

/// The identifier a free-form category value names (`date of admission`, `Patient Name`,
/// `last four of SSN`), read with the detector's own words as if it named a column of a
/// patient table; `None` when it names none.
pub(crate) fn category_of_phrase(phrase: &str) -> Option<SafeHarbor> {
    let ctx = NodeContext { grain: Grain::Patient, because: None, own_word: None, fhir: None, romance: false };
    classify_parts(&ctx, phrase, None, "", true).detection.map(|d| d.category)
}

/// Classifies one column of a node.
pub fn classify_column(ctx: &NodeContext, column: &Column, clinical: bool) -> Verdict {
    classify_parts(ctx, &column.name, column.effective_type(), &column.description, clinical)
}

/// Whose value a column is, from the right-most subject word of its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owner {
    Person(WordClass),
    NotPerson(WordClass),
}

fn owner_of(ws: &[&str], ctx: &NodeContext, clinical: bool) -> Option<(Owner, usize)> {
    for (i, w) in ws.iter().enumerate().rev() {
        // `insurance_address`, `insurer_email`: the contact details of the insurer, a payer
        // (§X1); `insurance_id` and `insurance_number` stay the individual's (§I1).
        if matches!(*w, "insurance" | "insurer" | "insurers") && ws.get(i + 1).is_some_and(|n| is_contact_or_place(n)) {
            return Some((Owner::NotPerson(WordClass::Organization), i));
        }
        // `surgery_case_id`: a case of a record (a surgery), not a person's case file.
        if *w == "case" && i > 0 && matches!(word_class(ws[i - 1]), Some(WordClass::Record | WordClass::WeakRecord)) {
            return Some((Owner::Person(WordClass::WeakRecord), i - 1));
        }
        let Some(class) = word_class(w) else { continue };
        // `family_member_id`: a relative, not a health-plan member.
        if *w == "member" && i > 0 && ws[i - 1] == "family" {
            return Some((Owner::Person(WordClass::Patient), i - 1));
        }
        let owner = match class {
            WordClass::Patient | WordClass::Member => Owner::Person(class),
            // In a table of aggregates a record word names what is counted (`visit_month` of
            // `visits_by_month` is a calendar bucket): only a person word makes it one person's.
            // (A full date keeps its owner: a discharge date has no place in an aggregate.)
            WordClass::Record | WordClass::WeakRecord
                if ctx.grain == Grain::Aggregate && !ws.iter().any(|w| is_time_word(w)) =>
            {
                continue
            }
            WordClass::Record => Owner::Person(class),
            // `contact_id` in a providers table is the provider's contact record.
            WordClass::WeakPatient if clinical && (ctx.grain.is_individual() || ctx.grain == Grain::Unknown) => {
                Owner::Person(class)
            }
            WordClass::WeakPatient => continue,
            // `order`, `claim`, `result` name an individual's record only in a clinical project,
            // and not in a table of providers or facilities (a nursing home's `survey_date` is
            // its inspection).
            WordClass::WeakRecord if clinical && !matches!(ctx.grain, Grain::Provider | Grain::Organization) => {
                Owner::Person(class)
            }
            WordClass::WeakRecord => continue,
            WordClass::ProviderRole => {
                // `billing_id` in a `billing` table is the table's own key.
                if ctx.own_word.as_deref() == Some(*w) {
                    continue;
                }
                // A role is a provider only when it qualifies an identifier or a name.
                let rest = &ws[i + 1..];
                if rest.iter().any(|r| {
                    matches!(
                        *r,
                        "id" | "key"
                            | "number"
                            | "name"
                            | "npi"
                            | "tin"
                            | "address"
                            | "phone"
                            | "zip"
                            | "city"
                            | "state"
                            | "email"
                            | "fax"
                    ) || matches!(word_class(r), Some(WordClass::Provider))
                }) {
                    Owner::NotPerson(WordClass::Provider)
                } else {
                    continue;
                }
            }
            // `location_latitude`, `place` in a row about a person: where the person lives or was
            // (a `location_id` stays the key of a location).
            WordClass::Organization
                if ctx.grain == Grain::Patient
                    && matches!(*w, "location" | "site")
                    && !ws.iter().any(|x| is_id_word(x)) =>
            {
                continue
            }
            // `hospital_account_id`: the individual's account at the hospital.
            WordClass::Organization if ws.get(i + 1) == Some(&"account") => continue,
            // `payer_plan_period_start_date`: the individual's period of coverage by a plan.
            WordClass::Organization
                if matches!(*w, "payer" | "plan" | "insurance")
                    && ws.iter().any(|x| matches!(*x, "period" | "coverage" | "enrollment" | "eligibility"))
                    && ws
                        .iter()
                        .any(|x| is_time_word(x) || matches!(*x, "start" | "end" | "begin" | "from" | "to")) =>
            {
                continue
            }
            WordClass::Provider | WordClass::Organization | WordClass::System => Owner::NotPerson(class),
        };
        return Some((owner, i));
    }
    None
}

/// The detector on a column's parts: its name, and in a project about patients, when the name
/// says nothing either way (`mrno`, `pat_idn_no`), the opening words of its description
/// ("Medical record number", "Mobile number of the patient"), read as a name is.
pub(crate) fn classify_parts(
    ctx: &NodeContext,
    name: &str,
    data_type: Option<&str>,
    description: &str,
    clinical: bool,
) -> Verdict {
    let by_name = classify_name(ctx, name, data_type, description, clinical);
    // Only in a project about patients: elsewhere (`spellbook`'s 41,074 described columns) a
    // description naming an identifier is rare and reading every one is not free.
    if by_name.detection.is_some() || by_name.not_phi.is_some() || !clinical {
        return by_name;
    }
    let Some(phrase) = leading_phrase(description) else { return by_name };
    let mut by_description = classify_name(ctx, &phrase, data_type, description, clinical);
    // A description is prose: only an identifier it names outright counts — a number Safe
    // Harbor lists (SSN, MRN, member number, licence…), a birth or death date, or a name or
    // contact detail it says is an individual's ("Mobile number of the patient"). A place, a
    // date or a key it merely mentions ("State of the patient's address") does not.
    let mut pbuf = String::new();
    let pws = words(&phrase, &mut pbuf);
    let of_person = pws
        .iter()
        .any(|w| matches!(word_class(w), Some(WordClass::Patient | WordClass::WeakPatient | WordClass::Member)));
    let named_outright = by_description.detection.as_ref().is_some_and(|d| match d.category {
        SafeHarbor::G | SafeHarbor::H | SafeHarbor::I | SafeHarbor::K | SafeHarbor::L | SafeHarbor::M => true,
        SafeHarbor::C => pws.iter().any(|w| matches!(*w, "birth" | "death")),
        SafeHarbor::A | SafeHarbor::D | SafeHarbor::E | SafeHarbor::F | SafeHarbor::J => of_person,
        _ => false,
    });
    match by_description.detection.as_mut().filter(|_| named_outright) {
        Some(d) => {
            d.confidence = d.confidence.min(Confidence::Medium);
            let reads =
                format!("name `{name}` says nothing either way; its description opens \"{phrase}\", read as a name");
            match d.evidence.first_mut() {
                Some(first) => *first = reads,
                None => d.evidence.push(reads),
            }
            by_description
        }
        None => by_name,
    }
}

/// The opening phrase of a description, when it is short enough to be a name: the first
/// clause (up to `.`, `,`, `;`, `:`, `(` or a dash), without a leading article, of one to six
/// words, none of them code (`ssn_dob`) or a conjunction.
fn leading_phrase(description: &str) -> Option<String> {
    let clause = description.split(['.', ',', ';', ':', '(', '\n']).next()?;
    let clause = clause.split(" - ").next()?.split(" – ").next()?.trim();
    let mut words: Vec<&str> = clause.split_whitespace().collect();
    if words.first().is_some_and(|w| matches!(w.to_ascii_lowercase().as_str(), "the" | "a" | "an")) {
        words.remove(0);
    }
    // Prose, not values: "ssn_dob or name_dob" lists codes, "SSN or MRN" two things.
    let values = words.iter().any(|w| {
        w.contains(['_', '"', '`', '=']) || w.starts_with('\'') || w.ends_with('\'') || matches!(*w, "or" | "and" | "/")
    });
    ((1..=6).contains(&words.len()) && !values).then(|| words.join(" "))
}

/// The detector on a column's name, its type and (for whose value it is) its description.
fn classify_name(ctx: &NodeContext, name: &str, data_type: Option<&str>, description: &str, clinical: bool) -> Verdict {
    let mut buf = String::new();
    let mut ws = words(name, &mut buf);
    if ws.is_empty() {
        return Verdict::default();
    }
    // In a node named in Portuguese or Spanish, `data_notificacao` is a date (`words` reads
    // `data` so only beside another word of those languages in the same name).
    if ctx.romance {
        for w in &mut ws {
            if let Some(english) = crate::phi::tokens::in_romance_context(w) {
                *w = english;
            }
        }
        // Brazilian hospital systems (MV Soul, Tasy) prefix a name with its kind: `cd_paciente`
        // is the patient's code (key), `dt_alta` the discharge date, `nm_paciente` the name.
        if ws.len() >= 2 && matches!(ws[0], "code" | "date" | "time" | "name" | "datetime") {
            let kind = if ws[0] == "code" { "id" } else { ws[0] };
            ws.remove(0);
            ws.push(kind);
        }
    }
    // `start_at_string`, `birth_date_str`: a copy of a value as text is that value.
    if ws.len() > 2 && matches!(ws.last(), Some(&("string" | "str"))) {
        ws.pop();
    }
    let ty = type_kind(data_type);

    // FHIR resource tables: the logical id and the resource JSON.
    if let Some(f) = ctx.fhir {
        if ws == ["id"] || ws == ["resource"] {
            let letter = if ws == ["id"] { f.id_letter } else { f.resource_letter };
            return match letter {
                Some(category) => {
                    let paragraph = match (ws == ["id"], f.name) {
                        (true, "Patient" | "Person" | "RelatedPerson") => "R1",
                        (true, _) if category == SafeHarbor::R => "R2",
                        _ => category.paragraph(),
                    };
                    Verdict {
                        detection: Some(Detection {
                            category,
                            paragraph,
                            confidence: Confidence::Medium,
                            evidence: vec![
                                format!("name `{name}` reads as \"{}\"", ws.join(" ")),
                                format!(
                                    "`{}` is a FHIR resource of the Patient compartment: its {} holds {}",
                                    f.name,
                                    if ws == ["id"] {
                                        "logical id identifies one individual's record and"
                                    } else {
                                        "JSON"
                                    },
                                    category.name()
                                ),
                            ],
                        }),
                        not_phi: None,
                        not_phi_paragraph: None,
                    }
                }
                None => not_phi("X1", format!("`{}` is a FHIR resource outside the Patient compartment", f.name)),
            };
        }
    }

    if ty == TypeKind::Boolean {
        return Verdict::default();
    }
    // `number_of_people`, `count_of_visits`: a count, not an identifying number.
    // (`phone_number_of_guardian`, "Mobile number of the patient" name a number, not a count.)
    let counted = |i: usize| match ws[i] {
        "count" | "total" => true,
        "number" => {
            i == 0
                || !matches!(
                    ws[i - 1],
                    "phone"
                        | "telephone"
                        | "mobile"
                        | "cell"
                        | "fax"
                        | "record"
                        | "account"
                        | "member"
                        | "policy"
                        | "licence"
                        | "license"
                        | "passport"
                        | "serial"
                        | "contact"
                        | "insurance"
                )
        }
        _ => false,
    };
    if (0..ws.len().saturating_sub(1)).any(|i| ws[i + 1] == "of" && counted(i)) {
        return Verdict::default();
    }
    // `village_expected_no`, `CMD_actual_no`, `target_number`: how many were planned or
    // reached, a count.
    if let Some(p) = ws.iter().rposition(|w| *w == "number") {
        if p > 0
            && matches!(ws[p - 1], "expected" | "actual" | "target" | "targeted" | "planned" | "achieved" | "total")
        {
            return Verdict::default();
        }
    }
    // `check_in_datetime`, `checked_out_at`: an encounter's arrival and departure, not a check.
    let checked_in = ws.windows(2).any(|p| matches!(p[0], "check" | "checked") && matches!(p[1], "in" | "out"));
    if let Some(i) = has_any(&ws, is_not_a_value) {
        // `patient_id_missing`, `claim_count`, `days_supply`: about an identifier, not one.
        // An age stays an age: `age_in_days` would not be matched here because it has no
        // date word.
        let age_unit = (has(&ws, "age") && matches!(ws[i], "years" | "months" | "days")) || ws[0] == "age";
        let checked = checked_in && ws[i] == "check";
        // `test_date`: when a (lab) test was done, not a data-quality check's result.
        let test_dated = matches!(ws[i], "test" | "tests") && ws[i + 1..].iter().any(|w| is_time_word(w));
        // `valid_from`, `cov_valid_to`: the bounds of a validity, not a validity flag.
        let validity_bound = ws[i] == "valid" && matches!(ws.get(i + 1), Some(&("from" | "to" | "through" | "until")));
        if !(age_unit || checked || test_dated || validity_bound) {
            return Verdict::default();
        }
    }
    // `load_ts`, `ts` alone: when the pipeline wrote the row; `start_ts`, `admit_ts`: when an
    // event happened.
    let system = ws.iter().position(|w| is_system_word(w) && !(*w == "ts" && ws.iter().any(|v| is_event_word(v))));
    if let Some(i) = system {
        let dated = has_any(&ws, is_time_word).is_some() || matches!(ws.last(), Some(&"at" | &"on"));
        let paragraph = if dated { "C4" } else { "X1" };
        return not_phi(paragraph, format!("`{}`: load or pipeline metadata", ws[i]));
    }
    // `created_at`, `saved_timestamp`, `date_created`: when a system wrote or matched the row.
    let timed = matches!(ws.last(), Some(&"at" | &"on")) || ws.iter().any(|w| is_time_word(w));
    // (FHIR's `created`, `ExplanationOfBenefit.created`, dates the resource's event.)
    let fhir_element = ctx.fhir.is_some_and(|f| f.id_letter.is_some()) && structured::is_fhir_date_element(name);
    if timed && ws.len() <= 3 && !fhir_element {
        if let Some(verb) = ws.iter().find(|w| is_record_keeping_verb(w)) {
            return not_phi("C4", format!("`{verb}`: when a system wrote the row, not an event of an individual"));
        }
    }
    // `manufacture_date`, `date_of_expiry`: a product's or a batch's dates, not an individual's.
    if timed {
        if let Some(w) = ws.iter().find(|w| matches!(**w, "manufacture" | "manufactured" | "manufacturing" | "expiry"))
        {
            return not_phi("C4", format!("`{w}`: a date of a product or a batch, not of an individual"));
        }
    }
    // `effective_date`, `valid_from`, `dbt_valid_to` alone: when a version of the row was in
    // force (a slowly changing dimension), not an event of the individual; a coverage's or
    // an enrolment's effective date names its subject.
    let versioned = ws.iter().any(|w| matches!(*w, "effective" | "expiration" | "valid" | "validity"))
        && !ws.iter().any(|w| matches!(*w, "coverage" | "enrollment" | "eligibility" | "membership"));
    if versioned
        && !fhir_element
        && ws.iter().all(|w| {
            matches!(
                *w,
                "effective"
                    | "expiration"
                    | "valid"
                    | "validity"
                    | "date"
                    | "from"
                    | "to"
                    | "start"
                    | "end"
                    | "datetime"
                    | "timestamp"
                    | "ts"
                    | "#"
            ) || (word_class(w).is_none() && !is_event_word(w) && w.len() <= 4 && ws[0] == *w)
        })
    {
        return not_phi("C4", "when a version of the row was in force, not an event of an individual");
    }

    let owner = owner_of(&ws, ctx, clinical);
    // A key built from a person's key and a payer's or provider's is still the person's (§R1).
    let embeds_person = keys::embedded_person_key(&ws, description).is_some();
    if let Some((Owner::NotPerson(class), i)) = owner.filter(|_| !embeds_person) {
        let whose = match class {
            WordClass::Provider | WordClass::ProviderRole => "a provider",
            WordClass::Organization => "an organisation, facility, payer or place",
            _ => "the pipeline or its operators",
        };
        let paragraph = if has_any(&ws, is_geo_word).is_some() { "B3" } else { "X1" };
        return not_phi(paragraph, format!("`{}`: the value belongs to {whose}, not to a patient", ws[i]));
    }
    let person_owner = match owner {
        Some((Owner::Person(c), i)) => Some((c, ws[i])),
        _ => None,
    };
    // Non-individual grains stop here (ages excepted); for the others, how sure we are that
    // the value is an individual's is worked out only when an identifier is found.
    if person_owner.is_none() && !ctx.grain.is_individual() && ctx.grain != Grain::Unknown && !embeds_person {
        let aggregated_age = ctx.grain == Grain::Aggregate && has(&ws, "age") && has_any(&ws, is_band_word).is_none();
        if !aggregated_age {
            if !looks_like_identifier(&ws) {
                return Verdict::default();
            }
            let paragraph = if ctx.grain == Grain::Aggregate { "X5" } else { "X1" };
            return not_phi(paragraph, format!("the node holds {}, not individuals", ctx.grain.phrase()));
        }
    }
    let id_pos = ws.iter().rposition(|w| matches!(*w, "id" | "number"));
    let reading = Reading {
        name,
        ws: &ws,
        ty,
        data_type,
        description,
        ctx,
        clinical,
        person_owner,
        checked_in,
        id_pos,
        // `insurance_package_id`, `plan_id`: a product of a payer, shared by every member of it.
        names_a_product: id_pos.is_some_and(|p| ws[..p].iter().any(|w| is_product_word(w))),
    };
    let r = &reading;
    structured::structured(r)
        .or_else(|| identifiers::specific_identifier(r))
        .or_else(|| names_places::name_or_place(r))
        .or_else(|| dates::age_or_date(r))
        .or_else(|| keys::key(r))
        .unwrap_or_default()
}

/// One column as the detector reads it: its words, its type, its node's context and whose
/// value it is. Each part of the standard reads it in its own file.
#[derive(Clone, Copy)]
pub(super) struct Reading<'a> {
    pub name: &'a str,
    pub ws: &'a [&'a str],
    pub ty: TypeKind,
    pub data_type: Option<&'a str>,
    pub description: &'a str,
    pub ctx: &'a NodeContext,
    pub clinical: bool,
    /// The subject word that says whose value it is, when it is an individual's.
    pub person_owner: Option<(WordClass, &'a str)>,
    /// `check_in`, `checked_out`: an arrival or a departure.
    pub checked_in: bool,
    /// The last identifier word (`id`, `number`).
    pub id_pos: Option<usize>,
    /// The identifier names a payer's product (`plan_id`).
    pub names_a_product: bool,
}

impl Reading<'_> {
    /// The words before the identifier word: what it identifies.
    pub(super) fn before_id(&self) -> &[&str] {
        self.id_pos.map_or(&self.ws[..0], |p| &self.ws[..p])
    }

    /// How sure the detector is that the value is an individual's, and why.
    fn subject(&self) -> Option<(Confidence, String)> {
        let (ws, ctx) = (self.ws, self.ctx);
        match (self.person_owner, ctx.grain) {
            (Some((_, w)), _) => Some((Confidence::High, format!("the word `{w}` says the value is an individual's"))),
            (None, g) if g.is_individual() => Some((
                Confidence::Medium,
                format!(
                    "the node holds {}{}",
                    g.phrase(),
                    ctx.because.map(|b| format!(" (its name has `{b}`)")).unwrap_or_default()
                ),
            )),
            (None, Grain::Unknown) => {
                if let Some(w) = INDIVIDUAL_WORDS.iter().find(|w| contains_ci(self.description, w)) {
                    Some((Confidence::Low, format!("the description speaks of an individual or their care (`{w}`)")))
                } else if self.clinical {
                    Some((Confidence::Low, "the project holds patient data and the node's subject is unknown".into()))
                } else if has(ws, "age") {
                    Some((Confidence::Low, "ages are ages of individuals".into()))
                } else {
                    None
                }
            }
            (None, _) => Some((Confidence::Medium, "ages of individuals, even when aggregated".to_string())),
        }
    }

    /// A detection of `category` by `paragraph`, as sure as the name (`strength`) and the
    /// subject allow; nothing when nothing says the value is an individual's.
    pub(super) fn detect(
        &self,
        category: SafeHarbor,
        paragraph: Paragraph,
        strength: Confidence,
        why: String,
    ) -> Verdict {
        let Some((subject_conf, subject_why)) = self.subject() else { return Verdict::default() };
        let confidence = subject_conf.min(strength);
        let reads = format!("name `{}` reads as \"{}\"", self.name, self.ws.join(" "));
        let mut evidence = vec![reads, why, subject_why];
        if let Some(w) = self.ws.iter().find(|w| is_transform_word(w)) {
            evidence.push(format!(
                "`{w}`: a hashed, masked or partial value of an identifier is still that identifier (docs/safe-harbor.md §X2)"
            ));
        }
        if let Some(t) = self.data_type.filter(|t| !t.is_empty()) {
            evidence.push(format!("type `{t}`"));
        }
        Verdict {
            detection: Some(Detection { category, paragraph, confidence, evidence }),
            not_phi: None,
            not_phi_paragraph: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phi::context::grain_of_words;

    fn check(node: &str, column: &str, ty: Option<&str>) -> Option<(SafeHarbor, Confidence)> {
        let mut buf = String::new();
        let ws = words(node, &mut buf);
        let ctx = grain_of_words(&ws, true);
        classify_parts(&ctx, column, ty, "", true).detection.map(|d| (d.category, d.confidence))
    }

    #[test]
    fn patient_identifiers_are_found() {
        assert_eq!(check("stg_ehr__patients", "ssn", None).map(|d| d.0), Some(SafeHarbor::G));
        assert_eq!(check("dim_patients", "mrn", None).map(|d| d.0), Some(SafeHarbor::H));
        assert_eq!(check("stg_beneficiary", "BENE_DOB", None).map(|d| d.0), Some(SafeHarbor::C));
        assert_eq!(check("members", "mbr_id", None).map(|d| d.0), Some(SafeHarbor::I));
        assert_eq!(check("patients", "ptPhoneNbr", None).map(|d| d.0), Some(SafeHarbor::D));
        assert_eq!(check("patients", "zip5", None).map(|d| d.0), Some(SafeHarbor::B));
        assert_eq!(check("patients", "first_name", None).map(|d| d.0), Some(SafeHarbor::A));
        assert_eq!(check("encounters", "admit_dt", None).map(|d| d.0), Some(SafeHarbor::C));
    }

    fn paragraph(node: &str, column: &str) -> Option<Paragraph> {
        let mut buf = String::new();
        let ws = words(node, &mut buf);
        let ctx = grain_of_words(&ws, true);
        let v = classify_parts(&ctx, column, None, "", true);
        v.detection.map(|d| d.paragraph).or(v.not_phi_paragraph)
    }

    #[test]
    fn every_decision_cites_its_paragraph() {
        assert_eq!(paragraph("patients", "first_name"), Some("A1"));
        assert_eq!(paragraph("patients", "emergency_contact_name"), Some("A2"));
        assert_eq!(paragraph("patients", "zip3"), Some("B2"));
        assert_eq!(paragraph("dim_facility", "facility_address"), Some("B3"));
        assert_eq!(paragraph("encounters", "admit_date"), Some("C1"));
        assert_eq!(paragraph("appointments", "appointment_week"), Some("C2"));
        assert_eq!(paragraph("patients", "age"), Some("C3"));
        assert_eq!(paragraph("patients", "age_band"), Some("C3"));
        assert_eq!(paragraph("patients", "_loaded_at"), Some("C4"));
        assert_eq!(paragraph("patients", "created_at"), Some("C4"));
        assert_eq!(paragraph("patients", "mrn"), Some("H1"));
        assert_eq!(paragraph("patients", "patient_id"), Some("R1"));
        assert_eq!(paragraph("claims", "claim_id"), Some("R2"));
        assert_eq!(paragraph("claims", "claim_line_number"), Some("R3"));
        assert_eq!(paragraph("agg_visits_by_month", "visit_count_id"), None);
        for p in [
            paragraph("patients", "ssn"),
            paragraph("patients", "phone"),
            paragraph("patients", "email"),
            paragraph("members", "member_id"),
        ] {
            assert!(p.is_some_and(|p| PARAGRAPHS.contains(&p)), "{p:?}");
        }
    }

    #[test]
    fn safe_harbor_hard_cases_read_as_the_standard_says() {
        // §R2: a record key is found, and cited, but is the person's identifier only by policy.
        assert_eq!(check("stg_claims", "claim_id", None).map(|d| d.0), Some(SafeHarbor::R));
        // §R1: keys of cases, clients and contacts in a clinical project are person keys.
        assert_eq!(paragraph("fct_case_linelist_measles", "case_id"), Some("R1"));
        assert_eq!(check("fct_case_linelist_measles", "given_name", None).map(|d| d.0), Some(SafeHarbor::A));
        assert_eq!(check("fct_case_linelist_measles", "date_of_onset", None).map(|d| d.0), Some(SafeHarbor::C));
        // §O1 vs the `ip` of inpatient.
        assert_eq!(check("ccsr__long_condition_category", "default_ccsr_category_ip", None), None);
        assert_eq!(check("web_sessions", "client_ip", None).map(|d| d.0), Some(SafeHarbor::O));
        // §H1: a patient's number at a facility; §I1: a national health service number.
        assert_eq!(check("admissions", "inpatient_number", None).map(|d| d.0), Some(SafeHarbor::H));
        assert_eq!(check("stg_patients", "nhs_number", None).map(|d| d.0), Some(SafeHarbor::I));
        // §I1 not: a payer's product is shared by every member.
        assert_eq!(check("patients", "insurance_package_id", None), None);
        // Counts named like numbers.
        assert_eq!(check("households", "number_of_people", None), None);
        assert_eq!(check("households", "children_number", None), None);
        // §C1: arriving and leaving are events; §C2: a week of an individual's visit.
        assert_eq!(check("appointments", "check_in_datetime", None).map(|d| d.0), Some(SafeHarbor::C));
        // §C4: calendars, geography dimensions, collection periods, record keeping.
        assert_eq!(check("dim_date", "full_date", None), None);
        assert_eq!(check("dim_sub_county", "county", None), None);
        assert_eq!(check("cms_hcc__patient_risk_factors", "collection_start_date", None), None);
        assert_eq!(check("person", "saved_timestamp", None), None);
        // §A1: initials and nicknames are parts of a name.
        assert_eq!(check("patients", "patient_initials", None).map(|d| d.0), Some(SafeHarbor::A));
        // HL7 and lab-system spellings.
        assert_eq!(check("adt_feed", "PID_DOB", None).map(|d| d.0), Some(SafeHarbor::C));
        assert_eq!(check("lab_results", "COLL_DTTM", None).map(|d| d.0), Some(SafeHarbor::C));
        assert_eq!(check("adt_feed", "NK1_LST_NM", None).map(|d| d.0), Some(SafeHarbor::A));
        assert_eq!(check("payer_members", "subscriberFirstName", None).map(|d| d.0), Some(SafeHarbor::A));
        // Epic instants, SDTM dates, OMOP source values, accounts at a hospital.
        assert_eq!(check("encounter_fact", "admission_instant", None).map(|d| d.0), Some(SafeHarbor::C));
        assert_eq!(check("ae", "AESTDTC", None).map(|d| d.0), Some(SafeHarbor::C));
        assert_eq!(check("person", "person_source_value", None).map(|d| d.0), Some(SafeHarbor::R));
        assert_eq!(check("encounter_fact", "hospital_account_key", None).map(|d| d.0), Some(SafeHarbor::J));
        assert_eq!(check("access_familymember", "family_member_id", None).map(|d| d.0), Some(SafeHarbor::R));
        // Not PHI: a system's policy, a study, the validity of a row version, a date dimension.
        assert_eq!(check("access_subject", "access_policy_id", None), None);
        assert_eq!(check("stg_subjects", "study_id", None), None);
        assert_eq!(check("patient_dim", "effective_date", None), None);
        assert_eq!(check("coverage", "coverage_effective_date", None).map(|d| d.0), Some(SafeHarbor::C));
        assert_eq!(check("date_dim_base", "week_begin_dt", None), None);
        // §X2: a masked or hashed identifier is still one.
        assert_eq!(check("patients", "ssn_hash", None).map(|d| d.0), Some(SafeHarbor::G));
        assert_eq!(check("patients", "phone_masked", None).map(|d| d.0), Some(SafeHarbor::D));
    }

    #[test]
    fn round_three_classes_read_as_the_standard_says() {
        // §Q1: an image of the patient; an imaging study's image is no photograph of a person.
        assert_eq!(check("patient_info_dim", "PATIENT_IMG", None).map(|d| d.0), Some(SafeHarbor::Q));
        assert_eq!(check("imaging_studies", "image_count", None), None);
        // §C4: uploads, record keeping `…_on`, products' and batches' dates, stock tables.
        assert_eq!(check("appointments_fact", "upload_timestamp", None), None);
        assert_eq!(check("stg_client_members", "created_on", None), None);
        assert_eq!(check("sampling_form_linelist", "date_of_manufacture", None), None);
        assert_eq!(check("stg_medical_stock", "expiry_date", None), None);
        assert_eq!(check("coverage", "coverage_expiration_date", None).map(|d| d.0), Some(SafeHarbor::C));
        // §C1: a lab test's date is a date of care, not a data-quality check.
        assert_eq!(check("patient_tests_fact", "test_date", None).map(|d| d.0), Some(SafeHarbor::C));
        // §C3: one band of ages is allowed unless it splits ages above 89.
        assert_eq!(check("prep_followup", "age_40_49", None), None);
        assert_eq!(check("prep_followup", "age_under_40", None), None);
        assert_eq!(check("prep_followup", "age_65_plus", None), None);
        assert_eq!(check("prep_followup", "age_90_plus", None), None);
        assert_eq!(check("prep_followup", "age_90_94", None).map(|d| d.0), Some(SafeHarbor::C));
        assert_eq!(check("patients", "age_at_admission", None).map(|d| d.0), Some(SafeHarbor::C));
        // §X1: a table of employers' dates are the employer's; its name still identifies them.
        assert_eq!(check("dim_employer", "contract_start_date", None), None);
        // §R3: a bed or a room a patient occupies is the facility's.
        assert_eq!(check("patient_info_dim", "BEDS_BED_ID", None), None);
        assert_eq!(check("patient_info_dim", "ROOM_ROOM_ID", None), None);
    }

    /// The detector on a column with a description.
    fn check_described(node: &str, column: &str, description: &str) -> Option<SafeHarbor> {
        let mut buf = String::new();
        let ws = words(node, &mut buf);
        let ctx = grain_of_words(&ws, true);
        classify_parts(&ctx, column, None, description, true).detection.map(|d| d.category)
    }

    #[test]
    fn round_four_classes_read_as_the_standard_says() {
        // A name that says nothing either way is read by its description's opening words —
        // only an identifier the description names outright.
        assert_eq!(check_described("appointment_data", "mrno", "Medical record number"), Some(SafeHarbor::H));
        assert_eq!(check_described("clinic_visits", "pat_mob", "Mobile number of the patient"), Some(SafeHarbor::D));
        assert_eq!(check_described("dim_patients", "state", "State of the patient's address"), None);
        assert_eq!(check_described("patients", "zz_col", "Address of the referring clinic"), None);
        assert_eq!(check_described("crosswalk", "match_method", "ssn_dob or name_dob."), None);
        // Names of cases, participants and beneficiaries; the names of places they live in.
        assert_eq!(check("youth_beneficiaries", "name_of_the_beneficiary", None).map(|d| d.0), Some(SafeHarbor::A));
        assert_eq!(check("case_occurrence", "case_name", None).map(|d| d.0), Some(SafeHarbor::A));
        assert_eq!(check("case_occurrence", "case_ward_name", None).map(|d| d.0), Some(SafeHarbor::B));
        assert_eq!(check("counselling_clients", "constituency", None).map(|d| d.0), Some(SafeHarbor::B));
        assert_eq!(check("stg_conditions", "condition_name", None), None);
        // Who did it is not when; serial and queue numbers are places in a sequence.
        assert_eq!(check("patients", "created_by", None), None);
        assert_eq!(check("patients", "s_no", None), None);
        assert_eq!(check("clinic_queue_patients", "queue_no", None), None);
        assert_eq!(check("claims", "claim_line_id", None).map(|d| d.0), Some(SafeHarbor::R));
    }

    #[test]
    fn round_five_classes_read_as_the_standard_says() {
        // Synthea's one-word columns: name parts, the place of birth, bounds of care records
        // in plural-named tables; a driver's licence named by the description.
        assert_eq!(check("patients", "PREFIX", None).map(|d| d.0), Some(SafeHarbor::A));
        assert_eq!(check("patients", "MAIDEN", None).map(|d| d.0), Some(SafeHarbor::A));
        assert_eq!(check("patients", "BIRTHPLACE", None).map(|d| d.0), Some(SafeHarbor::B));
        assert_eq!(check("medications", "START", None).map(|d| d.0), Some(SafeHarbor::C));
        assert_eq!(check("allergies", "STOP", None).map(|d| d.0), Some(SafeHarbor::C));
        assert_eq!(check("fct_condition", "condition_start", None).map(|d| d.0), Some(SafeHarbor::C));
        assert_eq!(check_described("patients", "DRIVERS", "Driver's license number"), Some(SafeHarbor::K));
        // A nursing home's inspection is the facility's, not a resident's.
        assert_eq!(check("dim_provider", "standard_health_survey_date", None), None);
        assert_eq!(check("patients", "birth_country", None), None);
    }

    #[test]
    fn round_six_classes_read_as_the_standard_says() {
        // Names written without separators read as the same words with them.
        assert_eq!(check("encounter", "patid", None).map(|d| d.0), Some(SafeHarbor::R));
        assert_eq!(check("claims", "SERVICEDATE", None).map(|d| d.0), Some(SafeHarbor::C));
        assert_eq!(check("census", "datedischarge", None).map(|d| d.0), Some(SafeHarbor::C));
        // One word alone in a row about a person: a name part, a licence, the county's code.
        assert_eq!(check("patients", "FIRST", None).map(|d| d.0), Some(SafeHarbor::A));
        assert_eq!(check("dim_patient", "last", None).map(|d| d.0), Some(SafeHarbor::A));
        assert_eq!(check("patients", "PASSPORT", None).map(|d| d.0), Some(SafeHarbor::K));
        assert_eq!(check("patients", "FIPS", None).map(|d| d.0), Some(SafeHarbor::B));
        assert_eq!(check("dim_provider", "last", None), None);
        // Event timestamps and bounds however they are suffixed; pipeline ones stay metadata.
        assert_eq!(check("stg_encounters", "start_ts", None).map(|d| d.0), Some(SafeHarbor::C));
        assert_eq!(check("stg_encounters", "stop_ts", None).map(|d| d.0), Some(SafeHarbor::C));
        assert_eq!(check("stg_encounters", "load_ts", None), None);
        assert_eq!(check("encounter_billing", "encounter_start_at", None).map(|d| d.0), Some(SafeHarbor::C));
        assert_eq!(check("dim_member", "validity_start_ts", None), None);
        // A date key is the date it encodes.
        assert_eq!(check("fact_encounter", "start_date_key", None).map(|d| d.0), Some(SafeHarbor::C));
        // The parts of an address that are no subdivision, what is said about it, when it held.
        assert_eq!(check("address_history", "address_state", None), None);
        assert_eq!(check("address_history", "address_use", None), None);
        assert_eq!(check("patient_address_history", "address_period_start", None).map(|d| d.0), Some(SafeHarbor::C));
        assert_eq!(check("address_history", "addressid", None).map(|d| d.0), None);
        assert_eq!(check("households", "ward_id", None).map(|d| d.0), Some(SafeHarbor::B));
        // How a date was managed or imputed; when a table was refreshed.
        assert_eq!(check("harvest", "admit_date_mgmt", None), None);
        assert_eq!(check("death", "death_date_impute", None), None);
        assert_eq!(check("harvest", "refresh_encounter_date", None), None);
        // Portuguese and Spanish names.
        assert_eq!(check("pacientes", "DTNASC", None).map(|d| d.0), Some(SafeHarbor::C));
        assert_eq!(check("pacientes", "CEP", None).map(|d| d.0), Some(SafeHarbor::B));
        assert_eq!(check("pacientes", "MUNIC_RES", None).map(|d| d.0), Some(SafeHarbor::B));
        assert_eq!(check("pacientes", "IDADE", None).map(|d| d.0), Some(SafeHarbor::C));
        assert_eq!(check("incidencia", "grupo_edad", None), None);
    }

    #[test]
    fn round_seven_classes_read_as_the_standard_says() {
        // A measurement's own date is the individual's; a measurement period is a window.
        assert_eq!(check("measurement", "measurement_date", None).map(|d| d.0), Some(SafeHarbor::C));
        assert_eq!(check("patients", "measurement_period_end", None), None);
        // A coverage period is the individual's, whoever the payer is; a coverage's validity too.
        assert_eq!(check("patient_coverage", "payer_plan_period_start_date", None).map(|d| d.0), Some(SafeHarbor::C));
        assert_eq!(check("dim_member_scd2", "cov_valid_from", None).map(|d| d.0), Some(SafeHarbor::C));
        assert_eq!(check("dim_member_scd2", "valid_from", None), None);
        assert_eq!(check("claims_line", "service_from", None).map(|d| d.0), Some(SafeHarbor::C));
        // A device's own identifier; the key of an exposure record or a concept code is not one.
        assert_eq!(check("device_exposure", "device_exposure_id", None), None);
        assert_eq!(check("device_exposure", "device_concept_id", None), None);
        assert_eq!(check("patients", "device_serial_number", None).map(|d| d.0), Some(SafeHarbor::M));
        // A contact number is a telephone number; a no-show rate is no number of anything.
        assert_eq!(check("patients", "contact_number", None).map(|d| d.0), Some(SafeHarbor::D));
        assert_eq!(check("dim_patient_summary", "patient_no_show_rate", None), None);
        // OMOP's metadata tables, NLP runs and data releases are record keeping.
        assert_eq!(check("cdm_source", "cdm_release_date", None), None);
        assert_eq!(check("note_nlp", "nlp_date", None), None);
        // FHIR's flattened `telecom` and `line` in a row about a person.
        assert_eq!(check("fhir_patient", "telecom", None).map(|d| d.0), Some(SafeHarbor::D));
        assert_eq!(check("stg_patient", "line", None).map(|d| d.0), Some(SafeHarbor::B));
        // The name of a day is no person's.
        assert_eq!(check("stg_patients", "full_day_name", None), None);
    }

    #[test]
    fn round_eight_classes_read_as_the_standard_says() {
        // Planned and reached counts are counts, in a table of targets or anywhere.
        assert_eq!(check("beneficiaries", "CMD_expected_no", None), None);
        assert_eq!(check("beneficiaries", "village_actual_no", None), None);
        assert_eq!(check("village_expected_number", "district_name", None), None);
        // The code that names a patient; a person's contact details.
        assert_eq!(check("dim_patient", "patient_code", None).map(|d| d.0), Some(SafeHarbor::R));
        assert_eq!(check("dim_patient", "diagnosis_code", None), None);
        assert_eq!(check("int_patients", "contactInfo", None).map(|d| d.0), Some(SafeHarbor::D));
    }

    #[test]
    fn round_twelve_classes_read_as_the_standard_says() {
        // §R1: a whole record kept as JSON in a row about an individual; not a plain text column.
        assert_eq!(check("lab_raw", "data", Some("variant")).map(|d| d.0), Some(SafeHarbor::R));
        assert_eq!(check("lab_raw", "data", Some("varchar")), None);
        // §B3: a state's postal code is the state.
        assert_eq!(check("stg_eligibility", "member_state_postal_cd", None), None);
        assert_eq!(check("stg_eligibility", "member_postal_cd", None).map(|d| d.0), Some(SafeHarbor::B));
        // §C1: a column typed as a date in a row about an individual is a date of that
        // individual, whatever its name; the pipeline's dates stay §C4.
        assert_eq!(check("patients", "last_active", Some("timestamp")).map(|d| d.0), Some(SafeHarbor::C));
        assert_eq!(check("patients", "last_active", Some("varchar")), None);
        assert_eq!(check("patients", "_loaded_at", Some("timestamp")), None);
    }

    #[test]
    fn round_eleven_classes_read_as_the_standard_says() {
        let letter = |node: &str, column: &str| check(node, column, None).map(|d| d.0);
        // Brazilian hospital systems' kind prefixes (`cd_`, `dt_`, `hr_`) in a Portuguese node.
        let mut ctx = grain_of_words(&["stg", "atendimento"], true);
        ctx.romance = true;
        let portuguese = |column: &str| classify_parts(&ctx, column, None, "", true).detection.map(|d| d.category);
        assert_eq!(portuguese("cd_paciente"), Some(SafeHarbor::R));
        assert_eq!(portuguese("hr_alta"), Some(SafeHarbor::C));
        assert_eq!(portuguese("cd_procedimento"), None);
        // §G1: other countries' social security numbers.
        assert_eq!(letter("patients", "nir"), Some(SafeHarbor::G));
        assert_eq!(letter("patients", "national_insurance_number"), Some(SafeHarbor::G));
        // A copy of a date as text is the date.
        assert_eq!(letter("stg_emr__patients", "birth_date_string"), Some(SafeHarbor::C));
    }

    #[test]
    fn round_ten_classes_read_as_the_standard_says() {
        let letter = |node: &str, column: &str, ty: Option<&str>| check(node, column, ty).map(|d| d.0);
        // §C1/§X4: a struct of start and end dates (FHIR `Period`) takes the letter of its dates.
        assert_eq!(letter("encounters", "period", Some("struct<start:string,end:string>")), Some(SafeHarbor::C));
        // §R1: a FHIR reference to the patient; its `display` is the patient's name (§A1).
        assert_eq!(letter("careplans", "subject", Some("struct<reference:string>")), Some(SafeHarbor::R));
        assert_eq!(letter("claims", "patient", Some("struct<reference:string,display:string>")), Some(SafeHarbor::A));
        assert_eq!(letter("allergies", "patient_reference", None), Some(SafeHarbor::R));
        // §R2: references to other resources are no value of the individual.
        assert_eq!(letter("careplans", "addresses", Some("array<struct<reference:string>>")), None);
        // §R1: a loader's catch-all of unparsed fields, in rows about individuals.
        assert_eq!(letter("patients", "_rescued_data", Some("string")), Some(SafeHarbor::R));
        // §N1: the URL defining a FHIR extension is not the individual's.
        assert_eq!(letter("patient_explode", "extension_url", None), None);
        // §B1: Epic's `ADD_LINE_1`; accented Portuguese names read unaccented.
        assert_eq!(letter("stg_epic__patient", "add_line_1", None), Some(SafeHarbor::B));
        assert_eq!(letter("pacientes", "MUNICÍPIO", None), Some(SafeHarbor::B));
        // §C3: the unit of an age is no age; §A1: a dependent's name, numbered.
        assert_eq!(letter("int__dependent", "dependent_age_unit", None), None);
        assert_eq!(letter("int__session_parent", "dependent_1_name", None), Some(SafeHarbor::A));
        // §C4: an epidemiological calendar's dates are nobody's.
        assert_eq!(letter("epiweeks", "start_date", None), None);
    }

    #[test]
    fn round_nine_classes_read_as_the_standard_says() {
        // §R3: a key named after what a code set or catalogue lists points at that list, even
        // in a row about a person; §R2: named after the person, it keys one of their records.
        assert_eq!(check("dim_patient", "gender_id", None), None);
        assert_eq!(check("dim_patient", "cause_of_death_id", None), None);
        assert_eq!(check("mdata_patient_vaccine", "vaccine_id", None), None);
        assert_eq!(check("patient_question_answer", "answer_id", None), None);
        let ctx = grain_of_words(&["mdata", "patient", "illness", "history"], true);
        let record = classify_parts(&ctx, "md_patient_illness_id", None, "", true).detection.map(|d| d.paragraph);
        assert_eq!(record, Some("R2"));
        assert_eq!(check("dim_patient", "patient_id", None).map(|d| d.0), Some(SafeHarbor::R));
        // §B3: a table listing places, whatever prefixes its name; §B1 in a row about a person.
        assert_eq!(check("bse_dbo_districts", "district_name", None), None);
        assert_eq!(check("bse_dbo_district", "district_lat", None), None);
        assert_eq!(check("patient_address", "district_name", None).map(|d| d.0), Some(SafeHarbor::B));
        // §C1: what happened to an individual, timestamped, in a table whose subject is unknown.
        assert_eq!(check("mdata_bp", "collected_at", None).map(|d| d.0), Some(SafeHarbor::C));
        assert_eq!(check("subscriptions_enriched", "cancelled_at", None).map(|d| d.0), Some(SafeHarbor::C));
        assert_eq!(check("subscriptions_enriched", "updated_at", None), None);
        assert_eq!(check("analysis_followup_descriptive", "calculated_at", None), None);
        assert_eq!(check("mdata_bp", "start", None), None);
        // §D1: a cell number is a telephone number.
        assert_eq!(check("patient", "cell_number", None).map(|d| d.0), Some(SafeHarbor::D));
        // §X1: the insurer's contact details are a payer's; the individual's insurance number is §I1.
        assert_eq!(check("insurance_billing", "insurance_city", None), None);
        assert_eq!(check("insurance_billing", "insurance_email", None), None);
        assert_eq!(check("patients", "insurance_number", None).map(|d| d.0), Some(SafeHarbor::I));
        // §R1: a surrogate or hash key built from the individual's key and others.
        assert_eq!(
            check("int_patient_payor_bridge", "patient_payor_bridge_sk", None).map(|d| d.0),
            Some(SafeHarbor::R)
        );
        assert_eq!(check("l_patient_encounter", "hk_patient_encounter", None).map(|d| d.0), Some(SafeHarbor::R));
        let described = "Unique surrogate key composed of condition_id and patient_id.";
        assert_eq!(check_described("fct_conditions", "condition_key", described), Some(SafeHarbor::R));
        let ctx = grain_of_words(&["fct", "conditions"], true);
        let record = classify_parts(&ctx, "condition_key", None, "", true).detection.map(|d| d.paragraph);
        assert_eq!(record, Some("R2"));
        assert_eq!(check("dim_patient", "patient_type_key", None), None);
        // A list of codes keyed by a person is about individuals; MIMIC's and Cerner's spellings.
        assert_eq!(check("icustay_detail", "intime", None).map(|d| d.0), Some(SafeHarbor::C));
        assert_eq!(check("icustay_detail", "outtime", None).map(|d| d.0), Some(SafeHarbor::C));
        assert_eq!(check("stg_cerner_order_dispense", "updt_dt_tm", None), None);
        // §H1: the patient's chart number, however it is keyed; a surgery's case is a record (§R2).
        assert_eq!(check("ds_patientpayments_mv", "chart_id", None).map(|d| d.0), Some(SafeHarbor::H));
        let ctx = grain_of_words(&["stg", "surgery"], true);
        let record = classify_parts(&ctx, "surgery_case_id", None, "", true).detection.map(|d| d.paragraph);
        assert_eq!(record, Some("R2"));
        // A node named in Portuguese or Spanish: `data_<event>` is the date of the event.
        let mut ctx = grain_of_words(&["microdados", "dengue"], true);
        assert!(classify_parts(&ctx, "data_notificacao", None, "", true).detection.is_none());
        ctx.romance = true;
        let date = classify_parts(&ctx, "data_notificacao", None, "", true).detection.map(|d| d.category);
        assert_eq!(date, Some(SafeHarbor::C));
        assert_eq!(classify_parts(&ctx, "id_pais_mae", None, "", true).detection, None);
        assert!(crate::phi::tokens::is_romance_name("id_municipio"));
        assert!(!crate::phi::tokens::is_romance_name("data_source"));
    }

    #[test]
    fn provider_reference_and_load_columns_are_not_patient_phi() {
        assert_eq!(check("claims", "rendering_npi", None), None);
        assert_eq!(check("claims", "provider_name", None), None);
        assert_eq!(check("dim_providers", "practice_address", None), None);
        assert_eq!(check("dim_providers", "name", None), None);
        assert_eq!(check("terminology__icd10", "effective_date", None), None);
        assert_eq!(check("patients", "_loaded_at", None), None);
        assert_eq!(check("patients", "birth_year", None).map(|d| d.0), Some(SafeHarbor::C));
        assert_eq!(check("claims", "service_year", None), None);
        assert_eq!(check("claims", "claim_line_number", None), None);
        assert_eq!(check("patients", "is_deceased", Some("boolean")), None);
    }
}
