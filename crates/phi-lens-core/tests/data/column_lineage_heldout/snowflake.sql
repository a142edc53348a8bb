-- case: hakkoda_prototype_fct_encounters
-- origin: github Hakkoda1/capstone_team_jan_2023 @ 347f157375043992b9fa590f3b868020e13ce45d models/prototypes/prototype_fct_encounters.sql (verbatim; no Jinja; the VARIANT columns of the FHIR Encounter table assumed)
-- relation: CAPSTONE_TEAM_JAN_2023_DEV.SOURCE_A.FHIR_ENCOUNTER: ID, RESOURCETYPE, STATUS, CLASS, SUBJECT, PERIOD, LOCATION, REASONCODE, HOSPITALIZATION, SERVICEPROVIDER
-- note: VARIANT paths (period:start, location[0].location:display, hospitalization:dischargedisposition:text) are JSON paths on the top-level column (derived), then casts. Snowflake lets a later select item use an earlier alias (lateral column alias) when the source has no column of that name: DISCHARGE_DISPOSITION and ENCOUNTER_START_DATETIME/ENCOUNTER_END_DATETIME are such aliases. IS_DISCHARGED's CASE returns literals and tests DISCHARGE_DISPOSITION (filter on HOSPITALIZATION); datediff of the two period dates is generalized. The trailing `;` ends the one statement.
-- edge: ENCOUNTER_ID <- CAPSTONE_TEAM_JAN_2023_DEV.SOURCE_A.FHIR_ENCOUNTER.ID copy
-- edge: ENCOUNTER_START_DATETIME <- CAPSTONE_TEAM_JAN_2023_DEV.SOURCE_A.FHIR_ENCOUNTER.PERIOD derived
-- edge: ENCOUNTER_END_DATETIME <- CAPSTONE_TEAM_JAN_2023_DEV.SOURCE_A.FHIR_ENCOUNTER.PERIOD derived
-- edge: LOCATION <- CAPSTONE_TEAM_JAN_2023_DEV.SOURCE_A.FHIR_ENCOUNTER.LOCATION derived
-- edge: REASON <- CAPSTONE_TEAM_JAN_2023_DEV.SOURCE_A.FHIR_ENCOUNTER.REASONCODE derived
-- edge: DISCHARGE_DISPOSITION <- CAPSTONE_TEAM_JAN_2023_DEV.SOURCE_A.FHIR_ENCOUNTER.HOSPITALIZATION derived
-- edge: IS_DISCHARGED <- CAPSTONE_TEAM_JAN_2023_DEV.SOURCE_A.FHIR_ENCOUNTER.HOSPITALIZATION filter
-- edge: LENGTH_OF_STAY <- CAPSTONE_TEAM_JAN_2023_DEV.SOURCE_A.FHIR_ENCOUNTER.PERIOD generalized
select
    -- effective_date,
    -- encounter_end_date_skey,
    -- encounter_start_date_skey,
    -- patient_skey,
    id as encounter_id,
    period:start::date as encounter_start_datetime,
    period:end::date as encounter_end_datetime,
    location[0].location:display::string as location,
    reasoncode[0].coding[0]:display::string as reason,
    hospitalization:dischargedisposition:text::string as discharge_disposition,
    case
        when discharge_disposition is not null
        then 'y'
        when discharge_disposition is null
        then 'n'
    end as is_discharged,
    datediff(day, encounter_start_datetime, encounter_end_datetime) as length_of_stay
from capstone_team_jan_2023_dev.source_a.fhir_encounter
;

-- case: hakkoda_int_patients
-- origin: github Hakkoda1/capstone_team_jan_2023 @ 6c9692e039ba535743c6d1f0d28421a85ccfb869 models/refined/int_patients.sql (Jinja rendered by hand: ref('base_patients') → capstone_team_jan_2023_dev.refined.base_patients; base_patients' columns assumed from what int_patients and dim_patients read)
-- relation: CAPSTONE_TEAM_JAN_2023_DEV.REFINED.BASE_PATIENTS: PATIENT_ID, PATIENT_MEDICAL_RECORD_NUMBER, PATIENT_SOCIAL_SECURITY_NUMBER, PATIENT_ADDRESS, PATIENT_GENDER, PATIENT_BIRTH_DATE, PATIENT_DEATH_AT
-- note: abs(hash()) is hashed (the strongest step); `*` in the middle of the list expands the seven catalog columns; PATIENT_AGE's CASE returns datediffs (generalized) of both dates and tests PATIENT_DEATH_AT (a value wins). PATIENT_AGE_BUCKET uses the lateral alias PATIENT_AGE only in its conditions and returns literals: both dates are filter edges.
-- edge: PATIENT_SKEY <- CAPSTONE_TEAM_JAN_2023_DEV.REFINED.BASE_PATIENTS.PATIENT_ID hashed
-- edge: EFFECTIVE_DATE <- (none)
-- edge: PATIENT_ID <- CAPSTONE_TEAM_JAN_2023_DEV.REFINED.BASE_PATIENTS.PATIENT_ID copy
-- edge: PATIENT_MEDICAL_RECORD_NUMBER <- CAPSTONE_TEAM_JAN_2023_DEV.REFINED.BASE_PATIENTS.PATIENT_MEDICAL_RECORD_NUMBER copy
-- edge: PATIENT_SOCIAL_SECURITY_NUMBER <- CAPSTONE_TEAM_JAN_2023_DEV.REFINED.BASE_PATIENTS.PATIENT_SOCIAL_SECURITY_NUMBER copy
-- edge: PATIENT_ADDRESS <- CAPSTONE_TEAM_JAN_2023_DEV.REFINED.BASE_PATIENTS.PATIENT_ADDRESS copy
-- edge: PATIENT_GENDER <- CAPSTONE_TEAM_JAN_2023_DEV.REFINED.BASE_PATIENTS.PATIENT_GENDER copy
-- edge: PATIENT_BIRTH_DATE <- CAPSTONE_TEAM_JAN_2023_DEV.REFINED.BASE_PATIENTS.PATIENT_BIRTH_DATE copy
-- edge: PATIENT_DEATH_AT <- CAPSTONE_TEAM_JAN_2023_DEV.REFINED.BASE_PATIENTS.PATIENT_DEATH_AT copy
-- edge: PATIENT_AGE <- CAPSTONE_TEAM_JAN_2023_DEV.REFINED.BASE_PATIENTS.PATIENT_BIRTH_DATE generalized
-- edge: PATIENT_AGE <- CAPSTONE_TEAM_JAN_2023_DEV.REFINED.BASE_PATIENTS.PATIENT_DEATH_AT generalized
-- edge: PATIENT_AGE_BUCKET <- CAPSTONE_TEAM_JAN_2023_DEV.REFINED.BASE_PATIENTS.PATIENT_BIRTH_DATE filter
-- edge: PATIENT_AGE_BUCKET <- CAPSTONE_TEAM_JAN_2023_DEV.REFINED.BASE_PATIENTS.PATIENT_DEATH_AT filter
with 

base_patients as (

    select * from capstone_team_jan_2023_dev.refined.base_patients

),

int_patients as (

    select

        abs(hash(patient_id)) as patient_skey,
        current_date() as effective_date,
        *,
        case
            when patient_death_at is not null then datediff(year, patient_birth_date, patient_death_at)
            else datediff(year, patient_birth_date, current_date())
        end as patient_age,
        case
            when patient_age < 1
            then 'infants (<1)'
            when patient_age >= 1 and patient_age <= 12
            then 'children [1,12]'
            when patient_age > 12 and patient_age <= 17
            then 'adolescents [13,17]'
            when patient_age > 17 and patient_age <= 39
            then 'young adults [18,39]'
            when patient_age > 39 and patient_age <= 59
            then 'middle-aged adults [40,59]'
            when patient_age > 60
            then 'old adults (>60)'
        end as patient_age_bucket
        
    from base_patients

)

select * from int_patients

-- case: hakkoda_dim_patients
-- origin: github Hakkoda1/capstone_team_jan_2023 @ 7a97f7c5a16ecb8ed46778f0139be55ef14a5a97 models/curated/dim_patients.sql (Jinja rendered by hand: ref('int_patients') → capstone_team_jan_2023_dev.refined.int_patients, whose columns are int_patients' outputs above)
-- relation: CAPSTONE_TEAM_JAN_2023_DEV.REFINED.INT_PATIENTS: PATIENT_SKEY, EFFECTIVE_DATE, PATIENT_ID, PATIENT_MEDICAL_RECORD_NUMBER, PATIENT_SOCIAL_SECURITY_NUMBER, PATIENT_ADDRESS, PATIENT_GENDER, PATIENT_BIRTH_DATE, PATIENT_DEATH_AT, PATIENT_AGE, PATIENT_AGE_BUCKET
-- note: PATIENT_SKEY is recomputed from PATIENT_ID (hashed), not read from the upstream PATIENT_SKEY column; date() is a conversion (derived); the rest are renames (copies).
-- edge: PATIENT_SKEY <- CAPSTONE_TEAM_JAN_2023_DEV.REFINED.INT_PATIENTS.PATIENT_ID hashed
-- edge: EFFECTIVE_DATE <- CAPSTONE_TEAM_JAN_2023_DEV.REFINED.INT_PATIENTS.EFFECTIVE_DATE copy
-- edge: PATIENT_ID <- CAPSTONE_TEAM_JAN_2023_DEV.REFINED.INT_PATIENTS.PATIENT_ID copy
-- edge: MEDICAL_RECORD_NUMBER <- CAPSTONE_TEAM_JAN_2023_DEV.REFINED.INT_PATIENTS.PATIENT_MEDICAL_RECORD_NUMBER copy
-- edge: SOCIAL_SECURITY_NUMBER <- CAPSTONE_TEAM_JAN_2023_DEV.REFINED.INT_PATIENTS.PATIENT_SOCIAL_SECURITY_NUMBER copy
-- edge: ADDRESS <- CAPSTONE_TEAM_JAN_2023_DEV.REFINED.INT_PATIENTS.PATIENT_ADDRESS copy
-- edge: GENDER <- CAPSTONE_TEAM_JAN_2023_DEV.REFINED.INT_PATIENTS.PATIENT_GENDER copy
-- edge: BIRTH_DATE <- CAPSTONE_TEAM_JAN_2023_DEV.REFINED.INT_PATIENTS.PATIENT_BIRTH_DATE copy
-- edge: DEATH_DATE <- CAPSTONE_TEAM_JAN_2023_DEV.REFINED.INT_PATIENTS.PATIENT_DEATH_AT derived
-- edge: AGE_BUCKET <- CAPSTONE_TEAM_JAN_2023_DEV.REFINED.INT_PATIENTS.PATIENT_AGE_BUCKET copy
with

int_patients as (

    select * from capstone_team_jan_2023_dev.refined.int_patients

),

final as (

    select

        abs(hash(patient_id)) as patient_skey,
        effective_date,
        patient_id,
        patient_medical_record_number as medical_record_number,
        patient_social_security_number as social_security_number,
        patient_address as address,
        patient_gender as gender,
        patient_birth_date as birth_date,
        date(patient_death_at) as death_date,
        patient_age_bucket as age_bucket
        
    from int_patients

)

select * from final

-- case: sf_star_ilike
-- relation: RAW.EHR.CLAIMS: CLAIM_ID, PATIENT_ID, PAID_AMOUNT, CLAIM_DATE, IS_PAID, NPI
-- note: `* ILIKE '%_id'` keeps the columns whose name matches case-insensitively; `_` is a one-character wildcard, so IS_PAID (…P-A-I-D) matches too, while PAID_AMOUNT, CLAIM_DATE and NPI do not.
-- edge: CLAIM_ID <- RAW.EHR.CLAIMS.CLAIM_ID copy
-- edge: PATIENT_ID <- RAW.EHR.CLAIMS.PATIENT_ID copy
-- edge: IS_PAID <- RAW.EHR.CLAIMS.IS_PAID copy
select * ilike '%_id' from raw.ehr.claims

-- case: sf_flatten_quoted_qualify
-- relation: RAW.EHR."Orders": "PatientId", MRN, "Encounter_Date", DIAGNOSES
-- note: a quoted mixed-case table and columns keep their case, unquoted names fold to upper. f.value:code is a path on the flattened element of DIAGNOSES (derived); f.index has no upstream column, so the IFF on it gives DX_ROLE no edge; sha2 of a concatenation hashes both inputs; QUALIFY picks rows only.
-- edge: PATIENT_ID <- RAW.EHR.Orders.PatientId copy
-- edge: ENCOUNTER_DATE <- RAW.EHR.Orders.Encounter_Date copy
-- edge: DX_CODE <- RAW.EHR.Orders.DIAGNOSES derived
-- edge: DX_SYSTEM <- RAW.EHR.Orders.DIAGNOSES derived
-- edge: DX_ROLE <- (none)
-- edge: PATIENT_HASH <- RAW.EHR.Orders.PatientId hashed
-- edge: PATIENT_HASH <- RAW.EHR.Orders.MRN hashed
select
    o."PatientId" as patient_id,
    "Encounter_Date"::date as encounter_date,
    f.value:code::string as dx_code,
    f.value:system::string as dx_system,
    iff(f.index = 0, 'primary', 'secondary') as dx_role,
    sha2(o."PatientId" || o.mrn, 256) as patient_hash
from raw.ehr."Orders" o,
     lateral flatten(input => o.diagnoses) f
qualify row_number() over (partition by o."PatientId", f.value:code order by "Encounter_Date" desc) = 1

-- case: sf_unpivot_months
-- relation: RAW.CLAIMS.MONTHLY_PAID: MEMBER_ID, JAN_PAID, FEB_PAID, MAR_PAID
-- note: UNPIVOT: PAID copies each listed column; MONTH_NAME holds column names (literals), no upstream.
-- edge: MEMBER_ID <- RAW.CLAIMS.MONTHLY_PAID.MEMBER_ID copy
-- edge: MONTH_NAME <- (none)
-- edge: PAID <- RAW.CLAIMS.MONTHLY_PAID.JAN_PAID copy
-- edge: PAID <- RAW.CLAIMS.MONTHLY_PAID.FEB_PAID copy
-- edge: PAID <- RAW.CLAIMS.MONTHLY_PAID.MAR_PAID copy
select member_id, month_name, paid
from raw.claims.monthly_paid
    unpivot (paid for month_name in (jan_paid, feb_paid, mar_paid))

-- case: sf_group_by_using
-- relation: RAW.EHR.CLAIMS: CLAIM_ID, PATIENT_ID, PAID_AMOUNT, CLAIM_DATE, IS_PAID, NPI
-- relation: RAW.EHR.PATIENTS: PATIENT_ID, MRN, SSN, FIRST_NAME, LAST_NAME, DOB, ZIP
-- note: GROUP BY 1, 2 keys are generalized expressions; count(distinct c.patient_id) is qualified, so only CLAIMS; count_if aggregates its predicate's column; avg of a datediff is aggregated (the strongest step) for both dates; HAVING is upstream of nothing.
-- edge: CLAIM_MONTH <- RAW.EHR.CLAIMS.CLAIM_DATE generalized
-- edge: ZIP3 <- RAW.EHR.PATIENTS.ZIP generalized
-- edge: PATIENTS <- RAW.EHR.CLAIMS.PATIENT_ID aggregated
-- edge: TOTAL_PAID <- RAW.EHR.CLAIMS.PAID_AMOUNT aggregated
-- edge: ZERO_PAID_CLAIMS <- RAW.EHR.CLAIMS.PAID_AMOUNT aggregated
-- edge: AVG_AGE <- RAW.EHR.PATIENTS.DOB aggregated
-- edge: AVG_AGE <- RAW.EHR.CLAIMS.CLAIM_DATE aggregated
select
    date_trunc('month', c.claim_date) as claim_month,
    left(p.zip, 3) as zip3,
    count(distinct c.patient_id) as patients,
    sum(c.paid_amount) as total_paid,
    count_if(c.paid_amount = 0) as zero_paid_claims,
    avg(datediff('year', p.dob, c.claim_date)) as avg_age
from raw.ehr.claims c
join raw.ehr.patients p using (patient_id)
group by 1, 2
having count(*) > 10

-- case: sf_quoted_lowercase_not_found
-- relation: RAW.EHR.PATIENTS: PATIENT_ID, MRN, SSN, FIRST_NAME, LAST_NAME, DOB, ZIP
-- note: in Snowflake a quoted "mrn" is the lower-case name mrn, which is not the column MRN (stored upper case): the name is found nowhere.
-- unresolved: unknown column
select patient_id, "mrn" from raw.ehr.patients

-- case: sf_unbalanced
-- relation: RAW.EHR.PATIENTS: PATIENT_ID, MRN, SSN, FIRST_NAME, LAST_NAME, DOB, ZIP
-- unresolved: unbalanced parentheses
select iff((datediff(year, dob, current_date()) > 89, '000', zip) as zip_safe from raw.ehr.patients
