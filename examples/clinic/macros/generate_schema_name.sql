{#
  Use custom schemas exactly as written (`phi`, `analytics`, `staging`,
  `dev_scratch`, ...) instead of dbt's default `<target_schema>_<custom>`.
  The `phi` schema is the boundary the warehouse's access policies are written
  against, so its name must not depend on who runs dbt.
#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
