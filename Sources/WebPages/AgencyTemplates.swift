/// The agency's templates beyond its list and a submission: the stamp's page, written in pieces as
/// the stamp goes, and the search of its issued results.
extension PageTemplates {
    /// The stamp page's beginning, sent at once.
    static let stamping = """
        <h1>为{{unit}}盖章</h1>
        <p>{{year}} 年度，本次为{{chosen}}盖章。下面随盖章进度逐行更新，完成后给出下载链接：请不要关闭或刷新本页。</p>
        <div class="panel" role="log" aria-label="盖章进度">

        """

    /// One line of progress: people done (stamped, unchanged or not stamped) of the records' people.
    static let stampProgress = """
        <p class="progress"><progress max="{{total}}" value="{{done}}">{{done}} / {{total}}</progress> 已处理 {{done}} / {{total}} 人</p>

        """

    /// The end: what was issued and what was left, and the stamped ZIP; or why the stamp stopped.
    static let stamped = """
        </div>
        {{#failed}}<p class="alert" role="alert">盖章未完成：{{failed}}</p>{{/failed}}
        {{^failed}}
        <p class="notice" role="status">{{summary}}</p>
        <p><a class="button" href="/agency/stamped.zip?key={{key}}">下载盖章文件（ZIP）</a></p>
        <div class="scroll" role="region" aria-label="出具的审验结果" tabindex="0">
        <table class="people">
        <thead><tr><th scope="col">出具对象</th><th scope="col">审验编号</th><th scope="col">审验结论</th></tr></thead>
        <tbody>
        {{#results}}<tr><td data-label="出具对象">{{subject}}</td><td data-label="审验编号" class="id">{{serial}}</td><td data-label="审验结论">{{verdict}}</td></tr>
        {{/results}}
        </tbody>
        </table>
        </div>
        {{#hasSkipped}}<h2>未盖章</h2><ul class="problems">{{#skipped}}<li>{{subject}}：{{reason}}</li>{{/skipped}}</ul>{{/hasSkipped}}
        {{/failed}}
        <p><a href="/agency/submission?key={{key}}">返回该单位</a> · <a href="/agency">返回已提交的单位</a></p>
        """

    static let search = """
        <h1>查询审验结果</h1>
        <p>{{agency}}出具的审验结果：输入审验编号、完整的公民身份号码，或姓名（可只输入一部分）。姓名和公民身份号码部分隐去显示。</p>
        <form method="get" action="/agency/search" class="panel">
        <label for="q">审验编号、公民身份号码或姓名</label>
        <input type="text" id="q" name="q" maxlength="40" autocomplete="off" value="{{text}}" required>
        <button type="submit">查询</button>
        </form>
        {{#searched}}<p role="status">{{summary}}</p>{{/searched}}
        {{#hasResults}}
        <div class="scroll" role="region" aria-label="查询结果" tabindex="0">
        <table class="people">
        <thead><tr><th scope="col">审验编号</th><th scope="col">姓名</th><th scope="col">公民身份号码</th><th scope="col">单位</th><th scope="col">年度</th><th scope="col">审验结论</th><th scope="col">审验日期</th><th scope="col">状态</th></tr></thead>
        <tbody>
        {{#results}}
        <tr>
        <td data-label="审验编号" class="id">{{serial}}</td>
        <td data-label="姓名">{{person}}</td>
        <td data-label="公民身份号码" class="id">{{idNumber}}</td>
        <td data-label="单位">{{unit}}</td>
        <td data-label="年度">{{year}}</td>
        <td data-label="审验结论">{{verdict}}</td>
        <td data-label="审验日期">{{date}}</td>
        <td data-label="状态" class="{{#current}}good{{/current}}{{^current}}bad{{/current}}">{{state}}</td>
        </tr>
        {{/results}}
        </tbody>
        </table>
        </div>
        {{/hasResults}}
        <p><a href="/agency">返回已提交的单位</a></p>
        """
}
