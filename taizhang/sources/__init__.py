"""问题线索来源 (sources of problems): 群众来信来访 (petitions) and 民意调查 (opinion polls) recorded — who,
when, what, about which units and task — and turned, through the existing services, into a finding
(检查发现问题), a rectification item (整改事项) or the grounds of an accountability case (问责)."""
