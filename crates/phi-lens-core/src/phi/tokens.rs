//! Column and node names as words: splits snake_case, camelCase, UPPER_CASE, digits and
//! JSON paths (`resource#>>'{period,start}'`), lower-cases, and spells out the abbreviations
//! warehouses use (`dob`, `mrn`, `bene`, `adr`, `clm`, `dt`, `nbr`, `1st`…).
//!
//! One `String` and one `Vec` per name; the abbreviation table is hashed once.

use crate::hashing::IdMap;

/// The words of `name`, abbreviations expanded. Borrowed from `buf`, which is overwritten.
pub(crate) fn words<'a>(name: &str, buf: &'a mut String) -> Vec<&'a str> {
    crate::names::split_identifier(name, buf);
    let mut out: Vec<&'a str> = Vec::with_capacity(8);
    let buf: &'a str = buf;
    let mut raw = buf.split(' ').filter(|w| !w.is_empty()).peekable();
    while let Some(w) = raw.next() {
        // `1st`, `2nd`: the splitter separated digits from letters; join them again.
        if w.bytes().all(|b| b.is_ascii_digit()) {
            if let Some(&next) = raw.peek() {
                let ordinal = match (w, next) {
                    ("1", "st") => Some("first"),
                    ("2", "nd") => Some("second"),
                    ("3", "rd") => Some("third"),
                    _ => None,
                };
                if let Some(o) = ordinal {
                    raw.next();
                    out.push(o);
                    continue;
                }
            }
            out.push("#");
            continue;
        }
        match expand(w) {
            Some(expanded) => out.extend_from_slice(expanded),
            // CDISC SDTM's `--DTC` variables are ISO 8601 dates and times (`AESTDTC`).
            None if w.len() >= 5 && w.ends_with("dtc") => out.push("datetime"),
            None => out.push(w),
        }
    }
    out
}

/// Abbreviations and compounds (every spelling) and the canonical words they stand for. A
/// spelling listed twice means what its first entry says.
const EXPANSIONS: &[(&[&str], &[&str])] = &[
    // Dates and time.
    (&["dob", "birthdate", "birthday", "bday", "dtofbirth"], &["birth", "date"]),
    (&["dod", "deathdate"], &["death", "date"]),
    (&["dt", "dte", "dat"], &["date"]),
    (&["dttm", "datetime", "datetm"], &["datetime"]),
    (&["tstamp", "timestamp", "tmstmp"], &["timestamp"]),
    (&["cts"], &["created", "ts"]),
    (&["yr", "yyyy"], &["year"]),
    (&["mo", "mon", "mth", "mnth"], &["month"]),
    (&["yrmo", "yearmonth", "yyyymm", "yymm"], &["year", "month"]),
    (&["efctv", "eff", "effdt"], &["effective"]),
    (&["bgn", "beg", "strt"], &["begin"]),
    (&["thru", "thr"], &["through"]),
    (&["obslt"], &["obsolete"]),
    (&["ld"], &["loaded"]),
    // Names.
    (&["nm", "nme"], &["name"]),
    (&["fname", "firstname", "fnm"], &["first", "name"]),
    (&["lname", "lastname", "surname", "lnm"], &["last", "name"]),
    (&["mname", "middlename", "midl", "mdl"], &["middle", "name"]),
    (&["fullname"], &["full", "name"]),
    (&["givenname"], &["given", "name"]),
    (&["familyname"], &["family", "name"]),
    (&["maidenname"], &["maiden", "name"]),
    (&["birthplace", "pob"], &["birth", "place"]),
    // Geography.
    (&["adr", "addr", "adrs", "addrs", "address", "addresses"], &["address"]),
    (&["zipcode", "zipcd", "postcode", "postalcode", "zip"], &["zip"]),
    (&["postal"], &["zip"]),
    (&["plc"], &["place"]),
    (&["cnty"], &["county"]),
    (&["cty"], &["city"]),
    (&["lat"], &["latitude"]),
    (&["lng", "lon"], &["longitude"]),
    (&["geoloc", "geolocation"], &["geolocation"]),
    (&["st", "stt"], &["state"]),
    // Contact.
    (&["phn", "tel", "telephone", "phone", "phonenumber", "cellphone", "mobile", "mobilephone"], &["phone"]),
    (&["emailaddress", "email", "emailaddr"], &["email"]),
    (&["fax", "faxnumber"], &["fax"]),
    // Identifiers.
    (&["ssn", "ssnum", "socsec"], &["ssn"]),
    (&["mrn", "medrecnum"], &["mrn"]),
    (&["medrec"], &["medical", "record"]),
    (&["med"], &["medical"]),
    (&["rec"], &["record"]),
    (&["num", "nbr", "no", "nr", "nmbr", "number"], &["number"]),
    (&["id", "ids", "identifier", "ident", "uuid", "guid", "uid"], &["id"]),
    (&["sk", "pk", "key", "hashkey", "hk"], &["key"]),
    (&["cntl", "ctrl"], &["control"]),
    (&["acct", "acc", "accnt"], &["account"]),
    (&["lic", "licence"], &["license"]),
    (&["cert"], &["certificate"]),
    (&["veh"], &["vehicle"]),
    (&["ipaddr", "ipaddress", "ip"], &["ip"]),
    (&["uri", "website", "homepage", "weburl", "url"], &["url"]),
    (&["hic", "hicn"], &["hicn"]),
    (&["rfrnc", "ref"], &["reference"]),
    // HL7 v2 segments and clipped names of lab and EHR feeds (`PID_DOB`, `NK1_NM`, `COLL_DTTM`).
    (&["pid"], &["patient"]),
    // CDISC SDTM: subject ids and `--DTC` dates (`AESTDTC`, `EXENDTC`).
    (&["subjid"], &["subject", "id"]),
    (&["usubjid"], &["unique", "subject", "id"]),
    (&["familymember"], &["family", "member"]),
    (&["nk"], &["kin"]),
    (&["pv"], &["visit"]),
    (&["obx", "obr"], &["observation"]),
    (&["coll", "collctn"], &["collection"]),
    (&["rslt", "rslts"], &["result"]),
    (&["spcmn", "spcm", "specimens"], &["specimen"]),
    (&["accn", "acsn", "accsn"], &["accession"]),
    (&["ordr", "ord"], &["order"]),
    (&["rcvd", "recd"], &["received"]),
    (&["frst"], &["first"]),
    (&["lst"], &["last"]),
    (&["mi"], &["middle", "initial"]),
    (&["sfx"], &["suffix"]),
    (&["pfx"], &["prefix"]),
    (&["gvn"], &["given"]),
    (&["brth", "bth"], &["birth"]),
    (&["dth"], &["death"]),
    (&["admt", "admtd"], &["admission"]),
    (&["emrg", "emer", "emerg"], &["emergency"]),
    (&["cntct", "ctct"], &["contact"]),
    (&["empl", "emplr", "employers"], &["employer"]),
    (&["grntr", "guar", "gtor"], &["guarantor"]),
    (&["insd"], &["insured"]),
    (&["plcy", "pol"], &["policy"]),
    (&["hm"], &["home"]),
    // People.
    (&["pt", "ptnt", "pat", "patients"], &["patient"]),
    (&["mbr", "members"], &["member"]),
    (&["bene", "benes", "beneficiaries", "benef"], &["beneficiary"]),
    (&["subscribers", "subscr"], &["subscriber"]),
    (&["persons", "people", "prsn"], &["person"]),
    (&["indiv", "individuals"], &["individual"]),
    // Providers and organisations.
    (&["prvdr", "prov", "providers"], &["provider"]),
    (&["practitioners", "pract"], &["practitioner"]),
    (&["phys", "physicians"], &["physician"]),
    (&["doctors", "dr"], &["doctor"]),
    (&["rndrg"], &["rendering"]),
    (&["atndg", "attnd"], &["attending"]),
    (&["oprtg"], &["operating"]),
    (&["ordrg"], &["ordering"]),
    (&["rfrg", "refg"], &["referring"]),
    (&["prsbng", "prscrbng"], &["prescribing"]),
    (&["blg", "bill"], &["billing"]),
    (&["fac", "facilities"], &["facility"]),
    (&["org", "orgs", "organizations", "organisation", "organisations"], &["organization"]),
    (&["loc", "locations"], &["location"]),
    (&["pharm", "pharmacies"], &["pharmacy"]),
    (&["payers", "payor"], &["payer"]),
    // Clinical records.
    (&["clm", "claims"], &["claim"]),
    (&["enc", "encounters"], &["encounter"]),
    (&["adm", "admsn", "admit", "admissions"], &["admission"]),
    (&["dschrg", "disch", "dsch"], &["discharge"]),
    (&["dx", "dgns", "diagnoses"], &["diagnosis"]),
    (&["prcdr", "procedures"], &["procedure"]),
    (&["rx", "prescriptions"], &["prescription"]),
    (&["obs", "observations"], &["observation"]),
    (&["enrlmt", "enrl", "enroll", "enrollments"], &["enrollment"]),
    (&["elig"], &["eligibility"]),
    (&["appt", "appointments"], &["appointment"]),
    (&["conditions"], &["condition"]),
    (&["visits"], &["visit"]),
    (&["records"], &["record"]),
    // Qualifiers.
    (&["crnt", "cur", "curr"], &["current"]),
    (&["prvs", "prev"], &["previous"]),
    (&["orgnl", "orig"], &["original"]),
    (&["srvc", "svc"], &["service"]),
    (&["cd", "cde", "codes"], &["code"]),
    (&["amt"], &["amount"]),
    (&["cnt", "ct"], &["count"]),
    (&["ind", "flg", "indicator"], &["flag"]),
    (&["stus", "sts"], &["status"]),
    (&["sqnc", "seq"], &["sequence"]),
    (&["typ"], &["type"]),
    (&["grp"], &["group"]),
    (&["ln"], &["line"]),
    (&["desc", "dscr"], &["description"]),
    (&["pic", "picture", "photograph", "headshot", "portrait", "selfie", "photo"], &["photo"]),
    (&["img", "imgs", "images"], &["image"]),
    (
        &["fingerprint", "fingerprints", "retina", "iris", "voiceprint", "faceprint", "biometrics", "biometric"],
        &["biometric"],
    ),
];

/// The canonical words for an abbreviation or compound, if `w` is one: one hash lookup (names
/// are split into words hundreds of thousands of times per project).
/// The spellings that [`words`] expands to a list holding a word `pred` accepts
/// (`dx` → `diagnosis`), for filters that must see every way a word can be written.
pub(crate) fn spellings_expanding_to(pred: impl Fn(&str) -> bool) -> impl Iterator<Item = &'static str> {
    EXPANSIONS.iter().filter(move |(_, to)| to.iter().any(|w| pred(w))).flat_map(|(from, _)| from.iter().copied())
}

/// The words a spelling expands to (`dgns` → `diagnosis`), if it is an abbreviation.
pub(crate) fn expansion(w: &str) -> Option<&'static [&'static str]> {
    expand(w)
}

fn expand(w: &str) -> Option<&'static [&'static str]> {
    static TABLE: std::sync::OnceLock<IdMap<'static, &'static [&'static str]>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table = IdMap::default();
        for (spellings, words) in EXPANSIONS {
            for spelling in *spellings {
                table.entry(*spelling).or_insert(*words);
            }
        }
        table
    });
    table.get(w).copied()
}

#[cfg(test)]
mod tests {
    use super::words;

    fn w(name: &str) -> Vec<String> {
        let mut buf = String::new();
        words(name, &mut buf).into_iter().map(str::to_string).collect()
    }

    #[test]
    fn splits_every_spelling() {
        assert_eq!(w("BENE_1ST_NAME"), ["beneficiary", "first", "name"]);
        assert_eq!(w("recordedDate"), ["recorded", "date"]);
        assert_eq!(w("resource#>>'{period,start}'"), ["resource", "period", "start"]);
        assert_eq!(w("geo_zip5_cd"), ["geo", "zip", "#", "code"]);
        assert_eq!(w("bene_dob"), ["beneficiary", "birth", "date"]);
        assert_eq!(w("HTTPServerURL"), ["http", "server", "url"]);
        assert_eq!(w("ptPhoneNbr"), ["patient", "phone", "number"]);
        assert_eq!(w("AllergyIntolerance"), ["allergy", "intolerance"]);
    }
}
