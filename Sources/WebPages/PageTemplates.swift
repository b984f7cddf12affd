/// The templates (Mustache), one per page, kept in the binary: nothing to install beside it. Every
/// field has its label; every refusal is shown in words at the top of the page (`role="alert"`).
enum PageTemplates {
    static func text(of page: WebPages.Page) -> String {
        switch page {
        case .signIn: return signIn
        case .unit: return unit
        case .agency: return agency
        case .submission: return submission
        case .verify: return verify
        case .message: return message
        case .stamping: return stamping
        case .stampProgress: return stampProgress
        case .stamped: return stamped
        case .search: return search
        }
    }

    static let frame = """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · 继续教育年度验审</title>
        <style>
        {{{style}}}
        </style>
        </head>
        <body>
        <header>
        <span class="brand">徐州市专业技术人员继续教育年度验审</span>
        {{#signedInAs}}<span class="who">{{signedInAs}}</span>
        <form method="post" action="/sign-out"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">退出登录</button></form>{{/signedInAs}}
        </header>
        <main>
        {{{body}}}
        </main>
        </body>
        </html>

        """

    static let signIn = """
        <h1>登录</h1>
        {{#message}}<p class="alert" role="alert">{{message}}</p>{{/message}}
        <form method="post" action="/sign-in" class="panel">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label for="token">访问令牌</label>
        <input type="password" id="token" name="token" required autocomplete="off" autofocus>
        <p><small>本单位或本审验机构的访问令牌。令牌只用于这次登录，不保存在浏览器中；{{minutes}} 分钟无操作后需重新登录。</small></p>
        <button type="submit">登录</button>
        </form>
        <p><a href="/verify">查询审验结果（无需登录）</a></p>
        """

    static let unit = """
        <h1>{{unit}}</h1>
        {{#message}}<p class="alert" role="alert">{{message}}</p>{{/message}}
        {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
        {{#report}}
        <h2>检查结果：{{file}}（{{year}} 年度）</h2>
        <p>{{summary}}</p>
        {{> people-table}}
        <h2>下载</h2>
        {{#downloadable}}
        <p><a class="button" href="/unit/print-job.pdf">电子登记表合订本（附件1，打印用 PDF）</a>
        <a class="button secondary" href="/unit/annual-audit.pdf">年度审验表（附件2，PDF）</a>
        <a class="button secondary" href="/unit/documents.zip">全部文书（ZIP：每人的登记表和证书、合订本、年度审验表）</a></p>
        <details><summary>年度审验表（附件2）预览</summary><img class="preview" src="/unit/preview/annual-audit.png" alt="本单位年度审验表（附件2）第一页" loading="lazy"></details>
        <h2>提交审验机构</h2>
        <form method="post" action="/unit/submit" class="panel">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p>把这份已检查的记录（{{file}}）提交给本单位所在地区的审验机构审验盖章。再次提交会替换上一次提交的本年度记录。</p>
        <button type="submit">提交审验机构</button>
        </form>
        {{/downloadable}}
        {{^downloadable}}<p class="alert" role="alert">有人员的记录有误：请按上表所列位置更正后重新上传，全部无误后才能下载打印。</p>{{/downloadable}}
        {{/report}}
        {{#hasSubmissions}}<h2>已提交的记录</h2>
        <ul class="states">{{/hasSubmissions}}
        {{#submissions}}{{#submission}}<li>{{year}} 年度 {{people}} 人（{{fileName}}），{{submittedBy}} 于 {{time}} 提交：<span class="{{#stamped}}good{{/stamped}}{{^stamped}}muted{{/stamped}}">{{state}}</span></li>{{/submission}}{{/submissions}}
        {{#hasSubmissions}}</ul>{{/hasSubmissions}}
        {{#report}}<h2>上传其他文件</h2>{{/report}}
        <form method="post" action="/unit/check" enctype="multipart/form-data" class="panel">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label for="records">记录文件（JSON 记录文件、Excel 工作簿 .xlsx 或 CSV）</label>
        <input type="file" id="records" name="records" accept=".json,.xlsx,.csv" required>
        <p><small>最大 {{maxBytes}}。上传后逐人检查记录，列出问题、认定学时和审验结论。</small></p>
        <button type="submit">上传并检查</button>
        </form>
        """

    /// A check report as one table, a row per person (inside `{{#report}}`): the unit's page and the
    /// agency's view of a submission.
    static let peopleTable = """
        {{#notes}}<p class="note" role="note">注意：{{.}}</p>{{/notes}}
        {{#hasFileProblems}}<div class="alert" role="alert"><p>文件中的问题：</p><ul class="problems">{{/hasFileProblems}}
        {{#fileProblems}}<li><span class="place">{{place}}</span> {{message}}</li>{{/fileProblems}}
        {{#hasFileProblems}}</ul></div>{{/hasFileProblems}}
        <div class="scroll" role="region" aria-label="人员检查结果" tabindex="0">
        <table class="people">
        <thead><tr>{{#selectable}}<th scope="col">选中盖章</th>{{/selectable}}<th scope="col">姓名</th><th scope="col">公民身份号码</th><th scope="col">认定学时</th><th scope="col">审验结论</th><th scope="col">问题</th></tr></thead>
        <tbody>
        {{#people}}
        <tr>
        {{#selectable}}<td data-label="选中盖章">{{#hours}}<input type="checkbox" class="pick" id="pick-{{idNumber}}" name="person" value="{{idNumber}}" form="stamp"><label class="inline" for="pick-{{idNumber}}">为{{name}}盖章</label>{{/hours}}</td>{{/selectable}}
        <td data-label="姓名">{{name}}</td>
        <td data-label="公民身份号码" class="id">{{idNumber}}</td>
        <td data-label="认定学时">{{#hours}}合计 {{total}} / 应修 {{required}}<br><small>公共科目 {{publicHours}}，专业科目 {{professionalHours}}</small>
        {{#hasActivities}}<details><summary>逐项认定</summary><ul class="problems">{{/hasActivities}}
        {{#activities}}<li>{{content}}：{{hours}} 学时{{^counted}}（不计）{{/counted}}<br><small>{{explanation}}</small></li>{{/activities}}
        {{#hasActivities}}</ul></details>{{/hasActivities}}
        {{#previews}}<details><summary>附件1 预览</summary><img class="preview" src="/unit/preview/registration.png?person={{idNumber}}" alt="{{name}}的电子登记表（附件1）第一页" loading="lazy"></details>{{/previews}}{{/hours}}</td>
        <td data-label="审验结论" class="{{tone}}">{{verdict}}{{#reasons}}<br><small>{{.}}</small>{{/reasons}}{{#cycle}}<br><small>{{.}}</small>{{/cycle}}</td>
        <td data-label="问题">{{^hasProblems}}无{{/hasProblems}}{{#hasProblems}}<ul class="problems">{{/hasProblems}}{{#problems}}<li><span class="place">{{place}}</span> {{message}}</li>{{/problems}}{{#hasProblems}}</ul>{{/hasProblems}}</td>
        </tr>
        {{/people}}
        </tbody>
        </table>
        </div>
        """

    static let submission = """
        <h1>{{unit}}</h1>
        <p>{{year}} 年度记录（{{fileName}}），{{submittedBy}} 于 {{time}} 提交。</p>
        {{#state}}<p class="{{#stamped}}notice{{/stamped}}{{^stamped}}muted{{/stamped}}">{{state}}{{#stamped}} <a href="/agency/stamped.zip?key={{key}}">下载盖章文件（ZIP）</a>{{/stamped}}</p>{{/state}}
        {{#report}}
        <p>{{summary}}</p>
        {{> people-table}}
        {{/report}}
        <form method="post" action="/agency/stamp" class="panel" id="stamp">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="key" value="{{key}}">
        <p>在上表“选中盖章”一栏勾选人员，只为勾选的人员盖章；一个都不勾选，则为记录中所有已审验的人员盖章。</p>
        <p><small>盖章为人员出具审验结果并登记，需要一些时间：页面会显示进度，完成后给出下载链接。请不要重复点击。</small></p>
        <button type="submit">盖章</button>
        </form>
        <p><a href="/agency">返回已提交的单位</a></p>
        """

    static let agency = """
        <h1>{{agency}}</h1>
        <p>审验范围：{{districts}}</p>
        {{#message}}<p class="alert" role="alert">{{message}}</p>{{/message}}
        <h2>已提交的单位</h2>
        {{^hasSubmissions}}<p class="muted">还没有单位提交记录。</p>{{/hasSubmissions}}
        {{#hasSubmissions}}
        <p><small>在此盖章为记录中所有已审验的人员盖章；只为部分人员盖章，请打开单位，在表中勾选。盖章页面会显示进度，完成后给出下载链接。</small></p>
        <div class="scroll" role="region" aria-label="已提交的单位" tabindex="0">
        <table class="people">
        <thead><tr><th scope="col">单位</th><th scope="col">年度</th><th scope="col">人数</th><th scope="col">单位自查 合格 / 不合格</th><th scope="col">提交</th><th scope="col">盖章情况</th><th scope="col">盖章</th></tr></thead>
        <tbody>
        {{#submissions}}{{#submission}}
        <tr>
        <td data-label="单位"><a href="/agency/submission?key={{key}}">{{unit}}</a><br><small>{{district}}</small></td>
        <td data-label="年度">{{year}}</td>
        <td data-label="人数">{{people}}</td>
        <td data-label="单位自查 合格 / 不合格">{{passing}} / {{failing}}</td>
        <td data-label="提交">{{submittedBy}}<br><small>{{time}}</small></td>
        <td data-label="盖章情况" class="{{#stamped}}good{{/stamped}}{{^stamped}}muted{{/stamped}}">{{state}}{{#stamped}}<br><a href="/agency/stamped.zip?key={{key}}">下载盖章文件</a>{{/stamped}}</td>
        <td data-label="盖章"><form method="post" action="/agency/stamp">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="key" value="{{key}}">
        <button type="submit" aria-label="为{{unit}} {{year}} 年度所有已审验人员盖章">全部盖章</button></form></td>
        </tr>
        {{/submission}}{{/submissions}}
        </tbody>
        </table>
        </div>
        <p><small>单位自查的结论按本年度记录单独得出，未计以前年度的学时；按本机构学时台账的结论（即盖章将出具的结论）见各单位的提交详情。</small></p>
        {{/hasSubmissions}}
        <h2>查询本机构出具的结果</h2>
        <form method="get" action="/agency/search" class="panel">
        <label for="q">审验编号、公民身份号码或姓名</label>
        <input type="text" id="q" name="q" maxlength="40" autocomplete="off" required>
        <button type="submit">查询</button>
        </form>
        <p><a href="/verify">核验审验结果（公开页面）</a></p>
        """

    static let verify = """
        <h1 class="{{tone}}">{{title}}</h1>
        {{#lead}}<p>{{lead}}</p>{{/lead}}
        {{#hasRows}}<div class="panel"><table class="facts">{{/hasRows}}
        {{#rows}}<tr><th scope="row">{{label}}</th><td>{{value}}</td></tr>{{/rows}}
        {{#hasRows}}</table></div>{{/hasRows}}
        {{#askCode}}
        <form method="get" action="/verify" class="panel">
        <input type="hidden" name="serial" value="{{serial}}">
        <label for="code">校验码（见结果单二维码下方）</label>
        <input type="text" id="code" name="code" maxlength="32" autocomplete="off" placeholder="XXXX-XXXX">
        <button type="submit">查看审验结果</button>
        </form>
        {{/askCode}}
        {{#askSerial}}
        <form method="get" action="/verify" class="panel">
        <label for="serial">审验编号</label>
        <input type="text" id="serial" name="serial" maxlength="40" autocomplete="off" placeholder="XZPX-2016-000123" value="{{serial}}" required>
        <label for="code">校验码（选填，见结果单二维码下方）</label>
        <input type="text" id="code" name="code" maxlength="32" autocomplete="off" placeholder="XXXX-XXXX">
        <button type="submit">查询</button>
        </form>
        {{/askSerial}}
        {{#note}}<p><small>{{note}}</small></p>{{/note}}
        """

    static let message = """
        <h1 class="{{tone}}">{{heading}}</h1>
        <p class="{{box}}"{{#refused}} role="alert"{{/refused}}>{{message}}</p>
        <p><a href="{{link}}">{{linkText}}</a></p>
        """
}
