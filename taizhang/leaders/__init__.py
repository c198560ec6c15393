"""联系领导 (领导班子成员联系重要制度并带队检查): each leader of the office is linked to key regulations and
units, and leads a number of inspections a year."""
