"""民主测评 / 满意度测评 (appraisal surveys): the office opens a survey of a set of units for a year, issues
anonymous one-time rater codes, raters grade each unit within the grade quota, and the closed survey's
satisfaction rate per unit feeds the assessment indicator ``satisfaction`` (满意度)."""
