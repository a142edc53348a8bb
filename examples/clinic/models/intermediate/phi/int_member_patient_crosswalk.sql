-- Links health plan members to Epic patients: exact SSN + date of birth first,
-- then last name + date of birth. Only identifiers of the match leave this model.
with members as (
    select * from {{ ref('stg_claims__members') }}
),

patients as (
    select * from {{ ref('stg_ehr__patients') }}
),

ssn_match as (
    select members.member_id, patients.patient_id, 'ssn_dob' as match_method
    from members
    inner join patients
        on members.subscriber_ssn = patients.ssn
       and members.birth_date = patients.birth_date
),

name_match as (
    select members.member_id, patients.patient_id, 'name_dob' as match_method
    from members
    inner join patients
        on lower(members.last_name) = lower(patients.last_name)
       and members.birth_date = patients.birth_date
    where members.member_id not in (select member_id from ssn_match)
)

select * from ssn_match
union all
select * from name_match
