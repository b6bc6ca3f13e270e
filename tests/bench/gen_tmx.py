#!/usr/bin/env python3
"""gen_tmx.py - writes a realistic, deterministic TMX 1.4b of about SIZE megabytes to stdout.

en-GB / zh-CN units with tuids, dates and props, some notes, inline codes (bpt/ept, ph, it,
hi) and escaped characters (&amp; &lt; &gt;), as a CAT tool's translation memory looks.
Usage: gen_tmx.py SIZE_MB [LANGS]   (LANGS: comma-separated, default en-GB,zh-CN)
"""
import random
import sys

EN_WORDS = ("the file could not be saved because the disk is full please try again later "
            "select an option from the menu to continue and press OK when you are ready "
            "settings account password network printer window document page table image "
            "customer order invoice delivery & payment terms <draft> version update").split()
ZH_WORDS = ("文件 无法 保存 因为 磁盘 已满 请 稍后 重试 从 菜单 中 选择 一个 选项 以 继续 "
            "准备 好 后 按 确定 设置 账户 密码 网络 打印机 窗口 文档 页面 表格 图像 客户 "
            "订单 发票 交付 和 付款 条款 版本 更新").split()
OTHER_WORDS = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do".split()


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def sentence(rng, words, n, sep):
    return sep.join(rng.choice(words) for _ in range(n))


def seg(rng, words, sep, shape):
    a = esc(sentence(rng, words, rng.randint(3, 9), sep))
    b = esc(sentence(rng, words, rng.randint(2, 6), sep))
    c = esc(sentence(rng, words, rng.randint(2, 8), sep))
    if shape == 0:
        return a + sep + b + sep + c
    if shape == 1:
        return (f'{a} <bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>{b}<ept i="1">&lt;/b&gt;</ept>'
                f' {c} &amp; more.')
    if shape == 2:
        return f'{a} <ph x="1" type="image">&lt;img src="pic.png" alt=""/&gt;</ph> {b}'
    if shape == 3:
        return (f'<it pos="begin" x="1" type="link">&lt;a href="http://example.com/?a=1&amp;b=2"&gt;'
                f'</it>{a} <hi type="x-term">{b}</hi> {c}')
    return f'{a} {{0}} &lt;{b}&gt; <ph x="2">%s</ph> {c}'


def tu(rng, n, langs):
    shape = rng.randint(0, 4)
    out = [f'    <tu tuid="{n}" creationdate="2024{1 + n % 12:02d}{1 + n % 28:02d}T101500Z" '
           f'creationid="translator{n % 7}" usagecount="{n % 5}">\n']
    if n % 10 == 0:
        out.append(f'      <note>Checked by reviewer {n % 13} &amp; approved.</note>\n')
    out.append(f'      <prop type="x-Project">Project {n % 17}</prop>\n')
    for lang in langs:
        words, sep = ((ZH_WORDS, "") if lang.startswith("zh")
                      else (EN_WORDS, " ") if lang.startswith("en") else (OTHER_WORDS, " "))
        out.append(f'      <tuv xml:lang="{lang}">\n        <seg>{seg(rng, words, sep, shape)}'
                   f'</seg>\n      </tuv>\n')
    out.append('    </tu>\n')
    return "".join(out)


def main():
    size = float(sys.argv[1]) * 1024 * 1024
    langs = sys.argv[2].split(",") if len(sys.argv) > 2 else ["en-GB", "zh-CN"]
    rng = random.Random(42)
    # A pool of distinct units, written round-robin with fresh tuids: fast for 1 GB.
    pool = [tu(rng, i, langs).replace(f'tuid="{i}"', 'tuid="@"', 1) for i in range(2000)]
    sizes = [len(t.encode("utf-8")) - 1 for t in pool]
    parts = [t.split("@", 1) for t in pool]
    out = sys.stdout
    head = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n  <header '
            'creationtool="gen_tmx" creationtoolversion="1" segtype="sentence" o-tmf="gen" '
            f'adminlang="en" srclang="{langs[0]}" datatype="plaintext"/>\n  <body>\n')
    out.write(head)
    written = len(head)
    n = 0
    batch = []
    while written < size:
        k = n % len(pool)
        tuid = str(n + 1)
        batch.append(parts[k][0] + tuid + parts[k][1])
        written += sizes[k] + len(tuid)
        n += 1
        if len(batch) == 4096:
            out.write("".join(batch))
            batch = []
    out.write("".join(batch))
    out.write("  </body>\n</tmx>\n")


if __name__ == "__main__":
    main()
