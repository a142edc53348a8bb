{#
  Row-level security.

  PHI marts declare the policy they are protected by in `meta.row_access_policy`
  and attach it with a post-hook:

      +post-hook: "{{ apply_row_access_policy('patient_care_team', 'patient_id') }}"

  (set once for models/marts/clinical in dbt_project.yml). On Snowflake the
  policy (maintained by the security team, not by dbt) is attached to the
  freshly built table or view. DuckDB, used for this demo, has no row
  access policies, so there the macro renders nothing and dbt skips the hook.
#}
{% macro apply_row_access_policy(policy_name, column_name) -%}
    {{ return(adapter.dispatch('apply_row_access_policy', 'clinic')(policy_name, column_name)) }}
{%- endmacro %}

{% macro snowflake__apply_row_access_policy(policy_name, column_name) -%}
    alter {{ 'view' if model.config.materialized == 'view' else 'table' }} {{ this }}
        add row access policy governance.policies.{{ policy_name }} on ({{ column_name }})
{%- endmacro %}

{% macro default__apply_row_access_policy(policy_name, column_name) -%}
{%- endmacro %}
