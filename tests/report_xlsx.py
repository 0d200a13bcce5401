#!/usr/bin/python3
"""report_xlsx.py DIR: reads back the workbooks planwatch report wrote from
the test plan (tests/fixtures/report), cell by cell (python3-openpyxl):
the summary's verdict and counts, each chapter's sheet with its headings,
numbers as numbers and words as words."""
import sys

import openpyxl

d = sys.argv[1]
failed = []


def expect(what, got, want):
    if got != want:
        failed.append(f"{what}: {got!r}, expected {want!r}")


wb = openpyxl.load_workbook(f"{d}/final.xlsx")
expect("final sheets", wb.sheetnames, ["汇总", "1 经济发展", "2 生态环境"])
s = wb["汇总"]
expect("plan", s["B1"].value, "测试区第十四个五年规划")
expect("kind", s["B2"].value, "总结评估报告")
expect("overall", (s["A4"].value, s["B4"].value), ("总体评价", "未完成"))
expect("counts head", (s["A6"].value, s["B6"].value), ("类别", "指标数"))
expect("count 完成", (s["A7"].value, s["B7"].value), ("完成", 3))
expect("count 未完成", (s["A8"].value, s["B8"].value), ("未完成", 1))
expect("total", (s["A9"].value, s["B9"].value), ("合计", 4))
expect("behind", s["A12"].value, "测试研发经费")
if not str(s["B12"].value).startswith("2020 年至 2025 年年均增长 3.01%"):
    failed.append(f"behind's explanation: {s['B12'].value!r}")

e = wb["1 经济发展"]
head = [c.value for c in e[1]]
expect("heading", head, ["指标", "单位", "基期值", "目标", "2021 年实际",
                         "2022 年实际", "2023 年实际", "2024 年实际",
                         "2025 年实际", "年均增速（%）", "评价", "责任单位",
                         "备注"])
row = [c.value for c in e[2]]
expect("output row words", row[0:2] + row[3:4] + row[10:],
       ["测试产值", "亿元", "2025 年达到 150 亿元", "★ 完成", "区统计局",
        "示例数据（非公布值）"])
expect("output row numbers", row[2:3] + row[4:9], [100, 112, 121, 133, 151,
                                                   158])
for c in e[2][4:10]:
    if c.data_type != "n":
        failed.append(f"{c.coordinate}: {c.value!r} is not a number")
expect("average growth", round(e["J2"].value, 2), 9.58)
expect("research", (e["A3"].value, e["C3"].value, e["K3"].value),
       ("测试研发经费", 50, "✗ 未完成"))
trade = [c.value for c in e[4]]
expect("trade row words", trade[0:2] + trade[10:11], ["测试外贸", "%",
                                                      "★ 完成"])
expect("trade growth each year", [round(v, 2) for v in trade[4:9]],
       [6, 5.66, 6.25, 5.04, 6])
g = wb["2 生态环境"]
expect("ceiling row", (g["A2"].value, g["D2"].value, g["I2"].value,
                       g["J2"].value),
       ("测试能耗", "不高于 5 吨", 4.3, None))
expect("rows in ecology", g.max_row, 2)

m = openpyxl.load_workbook(f"{d}/midterm.xlsx")["1 经济发展"]
expect("midterm years", [c.value for c in m[1]][4:7],
       ["2021 年实际", "2022 年实际", "年均增速（%）"])
expect("midterm verdict", m["H2"].value, "▲ 快于预期")

for f in failed:
    print("report_xlsx:", f)
sys.exit(1 if failed else 0)
