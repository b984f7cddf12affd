/// The pages' one style sheet, inlined in each page (no second request, nothing from outside). Readable
/// at a phone's 375 px and at 1280 px: one column, wide tables scroll inside their own box.
enum PageStyle {
    static let css = """
        *, *::before, *::after { box-sizing: border-box; }
        body { margin: 0; font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif;
          font-size: 16px; line-height: 1.6; color: #1f2328; background: #f6f8fa; }
        header { display: flex; flex-wrap: wrap; align-items: center; gap: .5em 1em; padding: .6em 1em;
          background: #0b4f8a; color: #fff; }
        header .brand { font-weight: bold; flex: 1 1 auto; }
        header form { margin: 0; }
        main { max-width: 72em; margin: 0 auto; padding: 1em; }
        h1 { font-size: 1.5em; margin: .4em 0; }
        h2 { font-size: 1.2em; margin: 1.2em 0 .4em; }
        .panel { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 1em; margin: 1em 0; }
        label { display: block; font-weight: bold; margin: .6em 0 .2em; }
        input[type=text], input[type=password], input[type=file] { width: 100%; max-width: 30em; font-size: 1em;
          padding: .45em; border: 1px solid #8c959f; border-radius: 4px; background: #fff; }
        button, .button { display: inline-block; font-size: 1em; padding: .45em 1.1em; margin: .6em .4em 0 0;
          border: 1px solid #0b4f8a; border-radius: 4px; background: #0b4f8a; color: #fff; text-decoration: none;
          cursor: pointer; }
        header button { background: #fff; color: #0b4f8a; margin: 0; padding: .2em .8em; }
        button.secondary, .button.secondary { background: #fff; color: #0b4f8a; }
        label.inline { display: inline; font-weight: normal; margin: 0 0 0 .3em; }
        input.pick { width: 1.2em; height: 1.2em; vertical-align: middle; }
        p.progress { margin: .2em 0; font-variant-numeric: tabular-nums; }
        progress { width: 12em; max-width: 50%; vertical-align: middle; }
        :focus-visible { outline: 3px solid #f0b400; outline-offset: 2px; }
        .alert { border-left: 5px solid #b42318; background: #fdecea; padding: .6em 1em; margin: 1em 0; }
        .notice { border-left: 5px solid #1a7f37; background: #e9f7ef; padding: .6em 1em; margin: 1em 0; }
        .note { border-left: 5px solid #b54708; background: #fef6e7; padding: .6em 1em; margin: 1em 0; }
        .good { color: #1a7f37; } .bad { color: #b42318; } .plain { color: #1f2328; }
        .scroll { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; background: #fff; }
        th, td { text-align: left; vertical-align: top; padding: .45em .6em; border-bottom: 1px solid #d0d7de; }
        thead th { background: #eaeef2; white-space: nowrap; }
        td.id { font-family: monospace; white-space: nowrap; }
        table.facts th { width: 8em; white-space: nowrap; }
        img.preview { display: block; max-width: 100%; height: auto; margin-top: .4em; border: 1px solid #d0d7de; }
        details summary { cursor: pointer; }
        ul.problems { margin: 0; padding-left: 1.1em; }
        .place { font-family: monospace; color: #57606a; }
        small, .muted { color: #57606a; }
        @media (max-width: 600px) {
          main { padding: .6em; }
          h1 { font-size: 1.3em; }
          table.people thead { display: none; }
          table.people tr { display: block; border-bottom: 2px solid #8c959f; padding: .4em 0; }
          table.people td { display: block; border: 0; padding: .15em .4em; }
          table.people td::before { content: attr(data-label) "："; font-weight: bold; }
        }
        """
}
