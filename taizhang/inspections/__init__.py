"""督办检查 (inspections) and the problems they find (检查发现问题): planning an inspection led by a
member of the leadership (班子成员带队), its steps (计划中 → 检查中 → 已完成 → 已公开), findings with
evidence, and the yearly 明查暗访 coverage.

Covert inspections (暗访) and their findings are seen by the office side of their region only — office admins,
leaders and inspectors through a region grant — until published; units never see them before.
"""
