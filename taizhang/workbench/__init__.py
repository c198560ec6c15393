"""工作台: each person's to-do home page — what waits for them across the areas, oldest or most urgent first —
and the counts on the navigation. Reads only, through each area's selectors; writes nothing."""
