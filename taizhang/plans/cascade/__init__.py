"""上下贯通: a plan names the plan it carries out (``Plan.parent_plan``, 上级方案) and each task the upper
task(s) it carries out (``TaskLink``). Here: the text similarity that suggests task links (``similarity``),
the upper plan a preamble names (``upper``), the writes (``services``), the reads that take the user
(``selectors``) and the import's part (``importing``: suggestions in the preview, links stored on confirm).
Coverage and roll-up over the links are built elsewhere."""
