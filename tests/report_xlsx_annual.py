#!/usr/bin/python3
"""report_xlsx_annual.py FILE: reads back the final evaluation's workbook
of the test plan with annual targets on its trade target (report_doc.sh):
each year's annual target beside its actual, a number shown with its
mark, ✓ when met and ✗ when not."""
import sys

import openpyxl

failed = []


def expect(what, got, want):
    if got != want:
        failed.append(f"{what}: {got!r}, expected {want!r}")


e = openpyxl.load_workbook(sys.argv[1])["1 经济发展"]
head = [c.value for c in e[1]]
expect("heading", head[4:15], ["2021 年实际", "2021 年目标", "2022 年实际",
                               "2022 年目标", "2023 年实际", "2023 年目标",
                               "2024 年实际", "2024 年目标", "2025 年实际",
                               "2025 年目标", "年均增速（%）"])
trade = e[4]
expect("trade", trade[0].value, "测试外贸")
expect("annual targets", [trade[c].value for c in (5, 7, 9, 11, 13)],
       [5.5, 6, 6, 5.5, 5.5])
expect("marks", [trade[c].number_format for c in (5, 7, 9, 11, 13)],
       ['General" ✓"', 'General" ✗"', 'General" ✓"', 'General" ✗"',
        'General" ✓"'])
for c in (5, 7, 9, 11, 13):
    if trade[c].data_type != "n":
        failed.append(f"{trade[c].coordinate}: not a number")
# The rows whose target has no annual targets: those cells empty.
expect("output's 2021 target", e["F2"].value, None)

for f in failed:
    print("report_xlsx_annual:", f)
sys.exit(1 if failed else 0)
