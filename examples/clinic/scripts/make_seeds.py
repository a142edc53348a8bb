#!/usr/bin/env python3
"""Generate the synthetic seed CSVs of the clinic demo project.

Everything here is fake and deterministic (fixed random seed): re-running the
script rewrites byte-identical files.

* People are called "Testpatient <NATO word>", providers "Testdoc <NATO word>".
* SSNs use area numbers 900-999, which the SSA never issues.
* Phone numbers are 555-01xx (reserved for fiction), e-mails end in @example.org.
* Cities are invented ("Sampleton", "Mockford", ...).

A handful of bad rows are planted on purpose so the clinical tests have
something to find (see ../GAPS.md, G08): two encounters discharged before they
were admitted, one patient born in 1812, one encounter after the patient's
death and one non-billable ICD-10 category code.

Usage: python3 examples/clinic/scripts/make_seeds.py   (no dependencies)
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent / "seeds"

RNG = random.Random(20241231)
AS_OF = dt.date(2024, 12, 31)
START = dt.date(2023, 1, 1)
END = dt.date(2024, 12, 15)

NATO = [
    "Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel",
    "India", "Juliett", "Kilo", "Lima", "Mike", "November", "Oscar", "Papa",
    "Quebec", "Romeo", "Sierra", "Tango", "Uniform", "Victor", "Whiskey",
    "Xray", "Yankee", "Zulu",
]
CITIES = [("Sampleton", "IL", "606"), ("Mockford", "IL", "617"),
          ("Fakesville", "WI", "531"), ("Testburg", "IN", "463")]
STREETS = ["Synthetic", "Sample", "Placeholder", "Example", "Mock", "Fictional"]
AREA_CODES = ["312", "773", "414", "219"]
FACILITIES = ["Northside General (synthetic)", "Lakeshore Medical Center (synthetic)",
              "Riverside Clinic (synthetic)"]
SPECIALTIES = ["Internal Medicine", "Family Medicine", "Cardiology", "Endocrinology",
               "Pulmonology", "Nephrology", "Emergency Medicine", "Hospitalist",
               "General Surgery", "Orthopedic Surgery"]
CHIEF_COMPLAINTS = {
    "inpatient": ["shortness of breath", "chest pain", "fever and confusion",
                  "leg swelling", "abdominal pain", "fall at home", "weakness"],
    "emergency": ["chest pain", "ankle injury", "headache", "cough", "dizziness",
                  "laceration", "abdominal pain"],
    "outpatient": ["annual physical", "diabetes follow-up", "blood pressure check",
                   "medication refill", "knee pain", "lab review"],
    "observation": ["syncope", "chest pain rule-out", "dehydration"],
}
DX_BY_TYPE = {
    "inpatient": ["I50.33", "I50.23", "J44.1", "J18.9", "A41.9", "N17.9", "I21.4",
                  "I63.9", "L03.115", "K85.90", "S72.001A", "J96.01", "E11.65"],
    "emergency": ["R07.9", "S93.401A", "R51.9", "J06.9", "R42", "R10.9", "N39.0",
                  "R55", "W19.XXXA"],
    "outpatient": ["Z00.00", "E11.9", "I10", "E78.5", "M17.11", "J45.909", "F41.1",
                   "K21.9", "Z12.31", "Z23", "N18.30", "E03.9", "M54.50"],
    "observation": ["R55", "R07.89", "E86.0", "R42"],
}
CHRONIC = ["E11.9", "I10", "E78.5", "I50.9", "J44.9", "N18.30", "E66.9", "F32.A"]
CPT = {
    "inpatient": [("99223", "Initial hospital care, high complexity"),
                  ("99233", "Subsequent hospital care, high complexity"),
                  ("71046", "Chest x-ray, 2 views"), ("93306", "Echocardiogram, complete"),
                  ("27447", "Total knee arthroplasty"), ("92928", "Percutaneous coronary stent")],
    "emergency": [("99284", "Emergency department visit, moderate complexity"),
                  ("99285", "Emergency department visit, high complexity"),
                  ("93000", "Electrocardiogram, complete"), ("12002", "Simple repair of wound")],
    "outpatient": [("99213", "Office visit, established patient, low complexity"),
                   ("99214", "Office visit, established patient, moderate complexity"),
                   ("36415", "Routine venipuncture"), ("90686", "Influenza vaccine, quadrivalent"),
                   ("45378", "Diagnostic colonoscopy")],
    "observation": [("99221", "Initial hospital care, low complexity"),
                    ("93000", "Electrocardiogram, complete")],
}
# loinc, component, unit, normal low/high, plausible min/max, typical mean, sd
LABS = [
    ("2345-7", "Glucose [Mass/volume] in Serum or Plasma", "mg/dL", 70, 99, 10, 2000, 120, 35),
    ("4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood", "%", 4.0, 5.6, 3.0, 20.0, 7.1, 1.4),
    ("2160-0", "Creatinine [Mass/volume] in Serum or Plasma", "mg/dL", 0.6, 1.3, 0.1, 25.0, 1.2, 0.5),
    ("2823-3", "Potassium [Moles/volume] in Serum or Plasma", "mmol/L", 3.5, 5.1, 1.5, 10.0, 4.2, 0.5),
    ("2951-2", "Sodium [Moles/volume] in Serum or Plasma", "mmol/L", 136, 145, 100, 180, 139, 4),
    ("718-7", "Hemoglobin [Mass/volume] in Blood", "g/dL", 12.0, 17.5, 2.0, 25.0, 13.2, 1.8),
    ("6690-2", "Leukocytes [#/volume] in Blood by Automated count", "10*3/uL", 4.0, 11.0, 0.1, 200.0, 8.0, 2.8),
    ("13457-7", "Cholesterol in LDL [Mass/volume] in Serum or Plasma by calculation", "mg/dL", 0, 99, 0, 500, 110, 35),
    ("33762-6", "Natriuretic peptide.B prohormone N-Terminal [Mass/volume] in Serum or Plasma", "pg/mL", 0, 125, 0, 70000, 900, 1500),
]
MEDS = [
    ("861007", "metformin 500 MG Oral Tablet", "500", "mg", "oral", "BID"),
    ("314076", "lisinopril 10 MG Oral Tablet", "10", "mg", "oral", "daily"),
    ("617312", "atorvastatin 20 MG Oral Tablet", "20", "mg", "oral", "nightly"),
    ("313988", "furosemide 40 MG Oral Tablet", "40", "mg", "oral", "daily"),
    ("197361", "amlodipine 5 MG Oral Tablet", "5", "mg", "oral", "daily"),
    ("1364445", "apixaban 5 MG Oral Tablet", "5", "mg", "oral", "BID"),
    ("311041", "insulin glargine 100 UNT/ML Injectable Solution", "20", "units", "subcutaneous", "nightly"),
    ("745679", "albuterol 0.09 MG/ACTUAT Metered Dose Inhaler", "2", "puffs", "inhaled", "q4h PRN"),
    ("308182", "amoxicillin 500 MG Oral Capsule", "500", "mg", "oral", "TID"),
    ("1719", "ceftriaxone 1000 MG Injection", "1", "g", "intravenous", "daily"),
]
PAYERS = [("PLN-100", "Example Health Plan Gold (synthetic)", "Example Health Plan"),
          ("PLN-200", "Sample Mutual Medicare Advantage (synthetic)", "Sample Mutual"),
          ("PLN-300", "State Medicaid Managed Care (synthetic)", "Fictional Medicaid MCO")]


def ts(d: dt.date, hour: int, minute: int = 0) -> str:
    return dt.datetime(d.year, d.month, d.day, hour, minute).strftime("%Y-%m-%d %H:%M:%S")


def rand_date(a: dt.date, b: dt.date) -> dt.date:
    return a + dt.timedelta(days=RNG.randint(0, (b - a).days))


def write(rel: str, header: list[str], rows: list[list]) -> None:
    path = SEEDS / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    print(f"{rel}: {len(rows)} rows")


def nato_name(i: int) -> str:
    word = NATO[i % len(NATO)]
    return word if i < len(NATO) else f"{word}{i // len(NATO) + 1}"


def main() -> None:
    # ---------------------------------------------------------------- reference
    icd10 = []
    for line in (HERE / "icd10_codes.txt").read_text(encoding="utf-8").splitlines():
        code, desc = line.split("|", 1)
        icd10.append([code, desc, code.split(".")[0], "true"])
    write("reference/icd10_codes.csv",
          ["icd10_code", "short_description", "category_code", "is_billable"], icd10)
    write("reference/lab_reference_ranges.csv",
          ["loinc_code", "component_name", "result_unit", "normal_low", "normal_high",
           "plausible_min", "plausible_max"],
          [[l[0], l[1], l[2], l[3], l[4], l[5], l[6]] for l in LABS])

    # ---------------------------------------------------------------- providers
    providers = []
    for i in range(25):
        city, state, zip3 = CITIES[i % len(CITIES)]
        providers.append([
            2001 + i, f"1999{i:06d}", "Testdoc", NATO[(i * 7) % 26],
            "MD" if i % 5 else "DO", SPECIALTIES[i % len(SPECIALTIES)],
            f"{200 + i} Example Ave Suite {i + 1}", city, state, f"{zip3}{10 + i:02d}",
            ts(AS_OF, 4, 30),
        ])
    write("ehr/providers.csv",
          ["prov_id", "npi", "prov_first_name", "prov_last_name", "credential", "specialty",
           "practice_address", "practice_city", "practice_state", "practice_zip", "_loaded_at"],
          providers)
    prov_ids = [p[0] for p in providers]
    prov_npi = {p[0]: p[1] for p in providers}

    # ---------------------------------------------------------------- patients
    patients = []
    for i in range(200):
        pat_id = 1001 + i
        last = nato_name(i)
        age = RNG.choice([RNG.randint(0, 17), RNG.randint(18, 64), RNG.randint(18, 64),
                          RNG.randint(65, 92), RNG.randint(65, 92)])
        birth = AS_OF - dt.timedelta(days=age * 365 + RNG.randint(1, 360))
        if pat_id == 1077:          # planted: keyed as 1812 instead of 1912 (G08)
            birth = dt.date(1812, 5, 17)
        city, state, zip3 = CITIES[RNG.randrange(len(CITIES))]
        patients.append({
            "pat_id": pat_id, "pat_mrn_id": f"E{700000 + i * 13:07d}",
            "pat_first_name": "Testpatient", "pat_last_name": last,
            "birth_date": birth.isoformat(), "sex": RNG.choice("FFMMFMU" if i % 40 == 0 else "FM"),
            "ssn": f"9{RNG.randint(0, 99):02d}-{RNG.randint(10, 99)}-{RNG.randint(1000, 9999)}",
            "home_phone": f"({RNG.choice(AREA_CODES)}) 555-01{RNG.randint(0, 99):02d}",
            "email_address": f"testpatient.{last.lower()}@example.org",
            "add_line_1": f"{RNG.randint(1, 999)} {RNG.choice(STREETS)} St",
            "city": city, "state": state, "zip": f"{zip3}{RNG.randint(1, 99):02d}",
            "death_date": "", "_loaded_at": ts(AS_OF, 5, RNG.randint(0, 59)),
        })

    # ---------------------------------------------------------------- encounters
    encounters = []
    enc_seq = 50001

    def add_encounter(pat: dict, etype: str, admit_day: dt.date) -> dict:
        nonlocal enc_seq
        hour = RNG.randint(7, 20)
        admit = dt.datetime.combine(admit_day, dt.time(hour, RNG.choice([0, 15, 30, 45])))
        if etype == "inpatient":
            disch = admit + dt.timedelta(
                days=RNG.randint(1, 9), hours=RNG.randint(-5, 5))
        elif etype == "observation":
            disch = admit + dt.timedelta(hours=RNG.randint(8, 30))
        elif etype == "emergency":
            disch = admit + dt.timedelta(hours=RNG.randint(2, 9))
        else:
            disch = admit + dt.timedelta(minutes=RNG.choice([20, 30, 45, 60]))
        disposition = {"inpatient": RNG.choice(["home", "home", "home_health", "snf", "home"]),
                       "observation": "home", "emergency": RNG.choice(["home", "home", "admitted"]),
                       "outpatient": "home"}[etype]
        enc = {
            "enc_id": enc_seq, "pat_id": pat["pat_id"], "prov_id": RNG.choice(prov_ids),
            "enc_type": etype, "facility_name": FACILITIES[0 if etype != "outpatient" else 2]
            if RNG.random() < 0.6 else FACILITIES[1],
            "admit_dttm": admit.strftime("%Y-%m-%d %H:%M:%S"),
            "disch_dttm": disch.strftime("%Y-%m-%d %H:%M:%S"),
            "disch_disposition": disposition,
            "chief_complaint": RNG.choice(CHIEF_COMPLAINTS[etype]),
            "_loaded_at": ts(AS_OF, 5, RNG.randint(0, 59)),
        }
        enc_seq += 1
        encounters.append(enc)
        return enc

    for pat in patients:
        for _ in range(RNG.randint(1, 3)):
            etype = RNG.choices(["outpatient", "emergency", "inpatient", "observation"],
                                [50, 20, 22, 8])[0]
            enc = add_encounter(pat, etype, rand_date(START, END))
            # readmissions: some inpatient stays come back within (or just after) 30 days
            if etype == "inpatient" and RNG.random() < 0.45:
                disch_day = dt.date.fromisoformat(enc["disch_dttm"][:10])
                gap = RNG.choice([3, 8, 12, 17, 21, 26, 29, 45, 70])
                if disch_day + dt.timedelta(days=gap) <= END:
                    add_encounter(pat, "inpatient", disch_day + dt.timedelta(days=gap))

    encounters.sort(key=lambda e: (e["admit_dttm"], e["enc_id"]))
    # planted (G08): two discharges keyed one day before the admission
    for enc in [e for e in encounters if e["enc_type"] == "observation"][:2]:
        admit = dt.datetime.fromisoformat(enc["admit_dttm"])
        enc["disch_dttm"] = (admit - dt.timedelta(days=1) + dt.timedelta(hours=3)).strftime("%Y-%m-%d %H:%M:%S")

    # infants born during the encounter window cannot be seen before they are born:
    # move such visits to two weeks after birth (no random draw, list order kept, so
    # every other row stays as it was)
    births = {p["pat_id"]: dt.date.fromisoformat(p["birth_date"]) for p in patients}
    for enc in encounters:
        admit = dt.datetime.fromisoformat(enc["admit_dttm"])
        if admit.date() < births[enc["pat_id"]]:
            shift = dt.datetime.combine(births[enc["pat_id"]] + dt.timedelta(days=14), admit.time()) - admit
            enc["admit_dttm"] = (admit + shift).strftime("%Y-%m-%d %H:%M:%S")
            enc["disch_dttm"] = (dt.datetime.fromisoformat(enc["disch_dttm"]) + shift).strftime("%Y-%m-%d %H:%M:%S")

    # deaths: after the last encounter, except one planted record (G08)
    last_enc: dict[int, str] = {}
    for e in encounters:
        last_enc[e["pat_id"]] = max(last_enc.get(e["pat_id"], ""), e["disch_dttm"])
    by_id = {p["pat_id"]: p for p in patients}
    for pat_id in (1009, 1031, 1058, 1094, 1112):
        last_day = dt.date.fromisoformat(last_enc[pat_id][:10])
        by_id[pat_id]["death_date"] = min(last_day + dt.timedelta(days=RNG.randint(5, 60)), AS_OF).isoformat()
    # planted: the death is recorded 5 days before the patient's last admission
    planted = max((e for e in encounters if e["pat_id"] == 1031), key=lambda e: e["admit_dttm"])
    by_id[1031]["death_date"] = (dt.date.fromisoformat(planted["admit_dttm"][:10]) - dt.timedelta(days=5)).isoformat()

    write("ehr/patients.csv", list(patients[0].keys()), [list(p.values()) for p in patients])
    write("ehr/encounters.csv", list(encounters[0].keys()), [list(e.values()) for e in encounters])

    # ---------------------------------------------------------------- diagnoses
    pat_chronic = {p["pat_id"]: RNG.sample(CHRONIC, RNG.choice([0, 1, 1, 2, 3])) for p in patients}
    diagnoses, dx_seq = [], 300001
    for e in encounters:
        codes = [RNG.choice(DX_BY_TYPE[e["enc_type"]])]
        codes += [c for c in pat_chronic[e["pat_id"]] if c not in codes][:2]
        for rank, code in enumerate(codes, start=1):
            diagnoses.append([dx_seq, e["enc_id"], e["pat_id"], code, rank, e["admit_dttm"][:10],
                              "billing" if rank == 1 else RNG.choice(["billing", "problem_list"]),
                              e["_loaded_at"]])
            dx_seq += 1
    diagnoses[57][3] = "E11"   # planted (G08): non-billable category code, not in icd10_codes
    write("ehr/diagnoses.csv",
          ["dx_id", "enc_id", "pat_id", "icd10_code", "dx_seq", "dx_date", "dx_source", "_loaded_at"],
          diagnoses)

    # ---------------------------------------------------------------- procedures
    procedures, proc_seq = [], 400001
    for e in encounters:
        for cpt, name in RNG.sample(CPT[e["enc_type"]], RNG.randint(1, 2)):
            procedures.append([proc_seq, e["enc_id"], e["pat_id"], cpt, name, e["admit_dttm"][:10],
                               e["prov_id"], e["_loaded_at"]])
            proc_seq += 1
    write("ehr/procedures.csv",
          ["proc_id", "enc_id", "pat_id", "cpt_code", "proc_name", "proc_date", "performing_prov_id",
           "_loaded_at"], procedures)

    # ---------------------------------------------------------------- lab results
    labs, lab_seq = [], 500001
    for e in encounters:
        if e["enc_type"] == "outpatient" and RNG.random() < 0.4:
            continue
        picks = RNG.sample(LABS, RNG.randint(1, 4))
        if "E11.9" in pat_chronic[e["pat_id"]] and LABS[1] not in picks:
            picks.append(LABS[1])
        collected = dt.datetime.fromisoformat(e["admit_dttm"]) + dt.timedelta(minutes=RNG.randint(10, 90))
        for loinc, comp, unit, lo, hi, pmin, pmax, mean, sd in picks:
            value = min(max(RNG.gauss(mean, sd), pmin * 1.05 + 0.05, mean - 4 * sd), pmax * 0.95, mean + 4 * sd)
            value = round(value, 1 if isinstance(mean, float) else 0)
            resulted = collected + dt.timedelta(minutes=RNG.randint(30, 300))
            flag = "H" if value > hi else ("L" if value < lo else "")
            labs.append([lab_seq, e["enc_id"], e["pat_id"], loinc, comp, value, unit, flag,
                         collected.strftime("%Y-%m-%d %H:%M:%S"), resulted.strftime("%Y-%m-%d %H:%M:%S"),
                         e["_loaded_at"]])
            lab_seq += 1
    write("ehr/lab_results.csv",
          ["lab_id", "enc_id", "pat_id", "loinc_code", "component_name", "result_value", "result_unit",
           "abnormal_flag", "collected_dttm", "resulted_dttm", "_loaded_at"], labs)

    # ---------------------------------------------------------------- medications
    meds, med_seq = [], 600001
    for e in encounters:
        if RNG.random() < 0.35:
            continue
        for rx in RNG.sample(MEDS, RNG.randint(1, 3)):
            start = dt.date.fromisoformat(e["admit_dttm"][:10])
            end = "" if RNG.random() < 0.3 else (start + dt.timedelta(days=RNG.choice([7, 10, 30, 90]))).isoformat()
            meds.append([med_seq, e["enc_id"], e["pat_id"], rx[0], rx[1], rx[2], rx[3], rx[4], rx[5],
                         start.isoformat(), end, e["prov_id"], e["_loaded_at"]])
            med_seq += 1
    write("ehr/medications.csv",
          ["order_med_id", "enc_id", "pat_id", "rxnorm_code", "medication_name", "dose", "dose_unit",
           "route", "frequency", "start_date", "end_date", "ordering_prov_id", "_loaded_at"], meds)

    # ---------------------------------------------------------------- members (claims feed)
    members, member_of_patient = [], {}
    for i, pat in enumerate(patients[:160]):
        plan = PAYERS[i % len(PAYERS)]
        member_id = f"M{80000000 + i * 37:08d}"
        member_of_patient[pat["pat_id"]] = member_id
        members.append([member_id, pat["ssn"], pat["pat_first_name"], pat["pat_last_name"],
                        pat["birth_date"], pat["sex"] if pat["sex"] != "U" else "F",
                        pat["email_address"], pat["home_phone"], pat["zip"], plan[0], plan[1], plan[2],
                        "2022-01-01", "" if i % 9 else "2024-06-30", ts(dt.date(2024, 12, 20), 2, 15)])
    for j in range(25):
        last = f"{NATO[j % 26]}Member"
        birth = AS_OF - dt.timedelta(days=RNG.randint(20, 80) * 365)
        plan = PAYERS[j % len(PAYERS)]
        members.append([f"M{81000000 + j * 41:08d}",
                        f"9{RNG.randint(0, 99):02d}-{RNG.randint(10, 99)}-{RNG.randint(1000, 9999)}",
                        "Testmember", last, birth.isoformat(), RNG.choice("FM"),
                        f"testmember.{last.lower()}@example.org",
                        f"({RNG.choice(AREA_CODES)}) 555-01{RNG.randint(0, 99):02d}",
                        f"{RNG.choice(CITIES)[2]}{RNG.randint(1, 99):02d}", plan[0], plan[1], plan[2],
                        "2023-01-01", "", ts(dt.date(2024, 12, 20), 2, 15)])
    write("claims/members.csv",
          ["member_id", "subscriber_ssn", "member_first_name", "member_last_name", "member_dob",
           "member_sex", "member_email", "member_phone", "member_zip", "plan_id", "plan_name",
           "payer_name", "coverage_start_date", "coverage_end_date", "_loaded_at"], members)

    # ---------------------------------------------------------------- claims
    claims, claim_seq = [], 0
    enc_dx = {}
    for d in diagnoses:
        if d[4] == 1:
            enc_dx[d[1]] = d[3]
    for e in encounters:
        member_id = member_of_patient.get(e["pat_id"])
        if member_id is None or RNG.random() < 0.15:
            continue
        dx = enc_dx[e["enc_id"]]
        if dx == "E11":
            dx = "E11.9"
        cpt = RNG.choice(CPT[e["enc_type"]])[0]
        billed = round(RNG.uniform(8000, 40000) if e["enc_type"] == "inpatient" else RNG.uniform(90, 2500), 2)
        allowed = round(billed * RNG.uniform(0.35, 0.8), 2)
        status = RNG.choices(["paid", "denied", "pending"], [85, 8, 7])[0]
        paid = allowed if status == "paid" else 0
        svc_from = e["admit_dttm"][:10]
        received = dt.date.fromisoformat(e["disch_dttm"][:10]) + dt.timedelta(days=RNG.randint(3, 25))
        if received > dt.date(2024, 12, 20):
            continue
        claims.append([f"C{900000000 + claim_seq * 7919:09d}", member_id, prov_npi[e["prov_id"]],
                       "1999888001" if e["enc_type"] != "outpatient" else "1999888002",
                       svc_from, e["disch_dttm"][:10] if e["disch_dttm"][:10] >= svc_from else svc_from,
                       "institutional" if e["enc_type"] in ("inpatient", "observation") else "professional",
                       {"inpatient": "21", "observation": "22", "emergency": "23", "outpatient": "11"}[e["enc_type"]],
                       dx.replace(".", ""), cpt, f"{billed:.2f}", f"{allowed:.2f}", f"{paid:.2f}", status,
                       received.isoformat(), ts(dt.date(2024, 12, 20), 2, 15)])
        claim_seq += 1
    write("claims/claims.csv",
          ["claim_id", "member_id", "rendering_npi", "billing_npi", "service_from_date",
           "service_to_date", "claim_type", "place_of_service", "primary_dx_code", "cpt_code",
           "billed_amount", "allowed_amount", "paid_amount", "claim_status", "received_date",
           "_loaded_at"], claims)


if __name__ == "__main__":
    main()
