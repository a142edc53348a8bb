{#
  Row-level security.

  PHI marts declare the policy they are protected by in `meta.row_access_policy`
  and attach it with a post-hook:

      post_hook: "{{ apply_row_access_policy('care_team_facility', 'facility_name') }}"

  On Snowflake the policy (maintained by the security team, not by dbt) is
  attached to the freshly built table. DuckDB, used for this demo, has no row
  access policies, so there the macro renders nothing and dbt skips the hook.
#}
{% macro apply_row_access_policy(policy_name, column_name) -%}
    {{ return(adapter.dispatch('apply_row_access_policy', 'clinic')(policy_name, column_name)) }}
{%- endmacro %}

{% macro snowflake__apply_row_access_policy(policy_name, column_name) -%}
    {%- if model.config.materialized in ('table', 'incremental') -%}
    alter table {{ this }} add row access policy governance.policies.{{ policy_name }} on ({{ column_name }})
    {%- endif -%}
{%- endmacro %}

{% macro default__apply_row_access_policy(policy_name, column_name) -%}
{%- endmacro %}
