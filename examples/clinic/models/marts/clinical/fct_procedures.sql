select
    procedures.procedure_id,
    procedures.encounter_id,
    procedures.patient_id,
    procedures.cpt_code,
    procedures.procedure_name,
    procedures.performed_on,
    procedures.performing_provider_id,
    providers.specialty                     as performing_specialty
from {{ ref('stg_ehr__procedures') }} as procedures
left join {{ ref('stg_ehr__providers') }} as providers
    on procedures.performing_provider_id = providers.provider_id
