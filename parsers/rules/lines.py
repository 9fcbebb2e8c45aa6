"""Whole-line boilerplate: the last pass over blocks (`parsers.linefilter`) and
`parsers.clean` both use these, so the patterns have one home.

Facts from BOILERPLATE.md. A line is tested after whitespace is collapsed. Most patterns
are searched anywhere in a *short* line (`MAX_LINE_CHARS`); footers put several facts on
one line ("渝ICP备20009753号-2 互联网新闻信息服务许可证号:50120220004"), while prose that
mentions a licence is long.
"""

from __future__ import annotations

import re

# Lines longer than this are prose, even when they mention 版权所有 or ICP. Footer lines
# with several licences and an address run to about 150 characters.
MAX_LINE_CHARS = 220

# A copyright notice that opens with its year runs long on state-media sites ("Copyright
# 1995 - 2024. All rights reserved. The content (including but not limited to text, photo,
# ...) published in this site belongs to ... shall not be republished ..."): matched up to
# LONG_NOTICE_MAX_CHARS, since prose does not open with "Copyright 1995".
LONG_NOTICE_MAX_CHARS = 700
LONG_NOTICE = re.compile(
    r"^\s*(?:copyright\s*(?:©|\(c\))?|©|\(c\))\s*(?:\d{4}\s*(?:[-–]\s*\d{4})?)[^\n]{0,80}?"
    r"(?:all rights reserved|alle rechte vorbehalten|版权所有|copyrighted property|"
    r"without (?:prior )?(?:written )?permission)",
    re.I,
)

# The post meta line of WordPress themes (Kubrick and its many descendants) under the
# article, up to LONG_NOTICE_MAX_CHARS: "This entry was posted on Wednesday, May 16th, 2012
# at 10:00 am and is filed under News. You can follow any responses to this entry through
# the RSS 2.0 feed." / "Der Beitrag wurde am Mittwoch, den 27. November 2019 um 15:21 Uhr
# veröffentlicht und wurde unter Allgemein abgelegt. Du kannst die Kommentare zu diesen
# Eintrag durch den RSS 2.0 Feed verfolgen." Recorded as a byline.
POST_META_LINE = re.compile(
    r"^\s*(?:this (?:entry|post) was posted|(?:dieser|der) beitrag wurde (?:am|von))\b"
    r"[^\n]{0,400}?(?:is filed under|was filed under|rss 2\.0|abgelegt)",
    re.I,
)

# Province characters, including the plate-style forms (滇 黔 陇 蜀 ...) that many public
# patterns miss, so that "滇ICP备..." is read as one token.
_PROVINCE = "京津沪渝冀晋蒙辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀贵黔云滇藏陕秦甘陇青宁新港澳台"

# Licence and filing numbers: (kind, pattern). Group "num" is the number kept as a site
# fact in `Licence.number`; the whole match is what the footer line said.
LICENCES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("icp_filing", re.compile(rf"(?P<num>[{_PROVINCE}]?\s?ICP\s?备\s?\d{{5,10}}号?(?:-\d+)?)")),
    (
        "icp_licence",
        re.compile(
            rf"(?P<num>[{_PROVINCE}]?\s?ICP\s?证\s?\d{{5,10}}号?)|ICP\s?(?:经营)?许可证(?:号)?\s*[:：]?\s*"
            rf"(?P<num2>[{_PROVINCE}]?\s?B2-\d{{8}}(?:号)?)"
        ),
    ),
    (
        "telecom_licence",
        re.compile(
            rf"(?:增值)?电信业务经营许可证(?:号)?\s*[:：]?\s*(?P<num>[{_PROVINCE}]?\s?B[12]-\d{{8}})"
        ),
    ),
    (
        "public_security_filing",
        re.compile(
            rf"(?P<num>[{_PROVINCE}]?公网安备\s?\d{{10,14}}号?)|公安机关备案号\s*[:：]?\s*(?P<num2>\d{{10,14}})"
        ),
    ),
    (
        "news_licence",
        re.compile(r"(?:互联网)?新闻信息服务许可证(?:编?号)?\s*[:：]?\s*(?P<num>\d{8,11})"),
    ),
    (
        "av_licence",
        re.compile(r"信息网络传播视听节目许可证(?:号)?\s*[:：]?\s*(?P<num>[\d-]{5,12})"),
    ),
    (
        "culture_licence",
        re.compile(
            r"网络文化经营许可证(?:号)?\s*[:：]?\s*(?P<num>[\u4e00-\u9fff]网文[\[【〔(（]\d{4}[\]】〕)）]\s?\d+-?\d*号?)"
        ),
    ),
    (
        "broadcast_licence",
        re.compile(
            r"广播电视节目制作经营许可证(?:号)?\s*[:：]?\s*(?P<num>[（(]?[\u4e00-\u9fff]?[）)]?字?第?\s?\d+号?)"
        ),
    ),
    (
        "publishing_licence",
        re.compile(
            r"(?:互联网|网络)出版(?:服务)?许可证(?:号)?\s*[:：]?\s*(?P<num>[\u4e00-\u9fff]?\S{0,8}\d{3,}号?)"
        ),
    ),
    (
        "multimedia_licence",
        re.compile(r"License for publishing multimedia online\s*[:：]?\s*(?P<num>\d{5,10})", re.I),
    ),
    ("registration", re.compile(r"Registration Number\s*[:：]\s*(?P<num>\d{5,10})", re.I)),
)

# Words one of which every line matched by LICENCES holds (`linefilter.may_hold_licence`:
# "ICP" in capitals; "Registration Number" and "License for publishing multimedia
# online" in any case, hence the case variants of their inner letters).
LICENCE_HINT_WORDS = (
    "ICP",
    "许可证",
    "公网安备",
    "备案号",
    "egistration",
    "EGISTRATION",
    "ultimedia",
    "ULTIMEDIA",
)

# Social networks an outlet asks its readers to follow it on.
_SOCIAL = (
    r"(?:twitter|x|facebook|instagram|telegram|whatsapp|youtube|tiktok|linkedin|threads|"
    r"mastodon|bluesky|weibo|wechat)"
)

# Boilerplate lines that are not licences: (kind, pattern, hints), searched in short
# lines. Hints are lower-cased substrings at least one of which every match of the
# pattern holds (or None): `linefilter.classify_line` skips the regex when none is in
# the line. Most lines are prose; this saves most of the regex work.
LINE_KINDS: tuple[tuple[str, re.Pattern[str], tuple[str, ...] | None], ...] = (
    (
        "hotline",
        re.compile(
            r"违法和不良信息举报|不良信息举报|举报电话|举报邮箱|举报中心|(?<!\d)12377(?!\d)|"
            r"illegal and undesirable information|report illegal|举报专区",
            re.I,
        ),
        ("举报", "12377", "illegal"),
    ),
    (
        "copyright",
        re.compile(
            r"^\s*(?:copyright|©|\(c\)|版权所有(?!者))|copyright\s*(?:©|\(c\))?\s*\d{4}|"
            r"©\s*\d{4}|all rights reserved|版权所有(?!者)|未经(?:本网)?(?:书面)?(?:授权|许可)"
            r"[^。]{0,12}(?:禁止|不得|严禁)(?:转载|复制|使用)|alle rechte vorbehalten|"
            r"belongs to [A-Z][\w ]{2,40} and may not be used without|"
            # reprint notices: "转载请注明出处", "如有侵权，请联系删除", "This material may not
            # be published, broadcast, rewritten or redistributed."
            r"转载(?:时)?(?:务|敬)?请(?:注明|标明)|如有侵权[,，]?\s*请|"
            # a whole line crediting the pictures to the internet: "图片均来自网络"
            r"^\s*(?:注\s*[:：])?\s*(?:文中|本文)?(?:图片|配图)均?(?:来自|来源于|源自|取自)"
            r"(?:网络|互联网)[^。]{0,20}[。.]?\s*$|"
            r"^\s*this (?:material|article|content|story) may not be (?:published|reproduced|"
            r"republished|redistributed)",
            re.I,
        ),
        (
            "copyright",
            "©",
            "(c)",
            "版权所有",
            "未经",
            "all rights reserved",
            "alle rechte vorbehalten",
            "belongs to",
            "转载",
            "侵权",
            "网络",
            "may not be",
        ),
    ),
    (
        "gov_chrome",
        re.compile(
            r"政府网站标识码|网站标识码|^\s*(?:主办单位|承办单位|主办|承办|协办单位|运维单位|"
            r"网站主办|技术支持)\s*[:：]"
        ),
        ("标识码", "主办", "承办", "协办", "运维", "技术支持"),
    ),
    # Banner sentences only where they open the line: prose about cookies quotes them
    # mid-sentence ("Many sites say we use cookies ...").
    (
        "consent",
        re.compile(
            r"^\s*i agree\s*$|^\s*(?:accept|agree|akzeptieren|zustimmen|alle akzeptieren|"
            r"accept all(?: cookies)?|ich stimme zu|got it|同意|我同意|接受)\s*[.!]?\s*$|"
            r"^\s*(?:our )?privacy statement\s*&\s*cookie policy\s*$|"
            r"^\s*(?:by continuing to (?:browse|use)|we use cookies|this (?:web)?site uses cookies|"
            r"cookie settings|wir verwenden cookies|diese (?:web)?seite verwendet cookies|"
            r"cookie-einstellungen|datenschutzeinstellungen|本网站使用cookie)",
            re.I,
        ),
        (
            "agree",
            "accept",
            "akzeptieren",
            "zustimmen",
            "stimme zu",
            "got it",
            "同意",
            "接受",
            "privacy statement",
            "continuing to",
            "cookie",
            "datenschutzeinstellungen",
        ),
    ),
    # Appeals to subscribe, donate or shop that close articles ("Mit unserem Newsletter
    # bleiben Sie informiert", "Unterstützen Sie unsere Arbeit", "nichts mehr verpassen").
    (
        "promo",
        re.compile(
            r"\bnewsletter\b.{0,80}\b(?:abonnieren|bestellen|anmelden|erhalten|bleiben sie|"
            r"informiert|subscribe|sign up)|(?:abonnieren sie|subscrib(?:e|ing) to|"
            r"sign(?:ing)? up (?:for|to))\b.{0,40}\bnewsletter|"
            r"\bnichts (?:\w+ )?mehr (?:verpassen|versäumen)|"
            r"\bkeine [\w-]+(?: [\w-]+){0,3} mehr verpassen|"
            r"\bunterstützen sie (?:uns|unsere arbeit|diese form|unabhängigen)|"
            r"\b(?:ihr beitrag|ihre spende|your (?:contribution|donation|support)) "
            r"(?:hilft|helps)\b|"
            r"\bsupport (?:us|our work|independent journalism|our journalism)\b|"
            r"\b(?:would you )?consider supporting (?:us|our work)\b|"
            r"^\s*while you(?:'re| are) here\W*$|"
            r"\bbesuchen sie unseren (?:fan-?)?shop|\bvisit our (?:shop|store)\b|"
            r"^\s*点击(?:进入|查看|阅读|收听|观看).{0,40}>>?\s*$|"
            # Chinese portals' follow and app prompts: "扫描二维码关注我们", "欢迎关注微信公众号",
            # "更多精彩内容请关注…", "打开APP阅读", "下载客户端" (a whole short line).
            r"^\s*(?:扫描?二维码|微信扫一扫|长按(?:识别)?二维码)[^。]{0,20}$|"
            r"^\s*(?:欢迎)?关注(?:我们|本站)?的?(?:微信|官方)?(?:公众号|微博)?(?:[:：][^。]{0,30})?$|"
            r"^\s*更多(?:精彩)?(?:内容|资讯|新闻)?[,，]?\s*(?:请|敬请)关注[^。]{0,30}$|"
            r"^\s*(?:打开|下载)[\w ]{0,10}(?:app|客户端)[\w ]{0,6}$|"
            # Invitations to follow the outlet, get its app or pay for the rest of the story
            # (imperative, at the start of the line: "Follow The Example Times on Twitter",
            # "Síguenos en Telegram", "Download our app for iOS and Android").
            rf"^\s*(?:follow|s[ií]guenos|folgen sie|folge|like us)\b[\w .@&'’-]{{0,60}}?"
            rf"\b(?:on|en|auf) {_SOCIAL}\b|"
            r"^\s*(?:for the latest\b[\w ,&-]{0,60}?)?download "
            r"(?:our|the(?: (?-i:[A-Z])[\w.&'’-]*){1,3})(?: mobile)? apps? "
            r"(?:for|on) (?:ios|android|iphone|the app store|google play)\b|"
            r"\bsubscribe\b.{0,60}\bfor the full story\b|"
            r"^\s*to (?:view|read) the (?:full|whole|rest of the) (?:story|article)\b"
            r".{0,20}\bsubscribe|"
            r"\bcanal de (?:telegram|whatsapp|youtube)\b.{0,60}\b[úu]nete\b|"
            r"^\s*(?:we want to hear what you think about this article|"
            r"submit your letter to the editor)\b|"
            # sign-up boxes and paywall notes: "… Sign up here", "Free Sign Up", "Yes! Sign me
            # up to receive …", "I agree my information will be processed …", "… already a
            # subscriber, you can log in …", "Get the latest news straight to your phone
            # with the X app", "… never miss our top stories"
            r"[.?!]\s*sign up (?:here|now|today)\W*$|\bfree sign up\W*$|"
            r"^\s*(?:yes\W*)?sign me up\b|"
            r"\bi agree (?:that )?my (?:information|data|personal data) (?:will|may) be processed|"
            r"\b(?:you(?:'|’)re|you are) already a subscriber\b.{0,40}\blog ?in\b|"
            r"^\s*get (?:the latest|breaking|all the latest) news\b.{0,60}"
            r"\b(?:with|on|in|via) (?:the|our) [\w .&'’-]{0,40}\bapp\W*$|"
            r"\bnever miss our (?:top|latest|best|biggest) (?:stories|news|headlines)\b",
            re.I,
        ),
        (
            "newsletter",
            "mehr verpassen",
            "mehr versäumen",
            "unterstützen sie",
            "ihr beitrag",
            "ihre spende",
            "your contribution",
            "your donation",
            "your support",
            "support us",
            "support our",
            "support independent",
            "besuchen sie unseren",
            "visit our",
            "consider supporting",
            "while you",
            "点击",
            "二维码",
            "扫一扫",
            "关注",
            "app",
            "客户端",
            "follow",
            "guenos",
            "folge",
            "like us",
            "download",
            "full story",
            "subscribe",
            "canal de",
            "hear what you think",
            "letter to the editor",
            "sign up",
            "sign me up",
            "i agree",
            "already a subscriber",
            "get the latest",
            "get breaking",
            "get all the latest",
            "never miss our",
        ),
    ),
    # A teaser link to another story behind a "read also" label ("Lesen Sie auch: …",
    # "Lea también: …", "VEA TAMBIÉN: …", "Czytaj też: …"). "Mira" and "Lea" alone are
    # labels only in capitals: "Lea: Ja, genau." is a speaker in a transcript.
    (
        "related",
        re.compile(
            r"^\s*(?:auch lesen|lies auch|lesen sie auch|read also|also read|read more|see also|"
            r"siehe auch|lea (?:también|además|más)|lee (?:también|además)|"
            r"vea (?:también|además)|(?:le|te) puede interesar|puedes ver|(?-i:MIRA|LEA)|"
            r"czytaj (?:też|także|więcej)|(?:à )?lire aussi|voir aussi)\s*:\s*\S",
            re.I,
        ),
        (
            "lesen",
            "lies auch",
            "read ",
            "see also",
            "siehe auch",
            "lea",
            "lee ",
            "vea ",
            "puede interesar",
            "puedes ver",
            "mira",
            "czytaj",
            "lire aussi",
            "voir aussi",
        ),
    ),
    # Citation boxes under blog and journal posts.
    (
        "citation",
        re.compile(
            r"^\s*(?:suggested citation|zitiervorschlag|zitierweise|cite this (?:article|post|page)"
            r"|how to cite(?: this)?)\b",
            re.I,
        ),
        ("citation", "zitier", "cite"),
    ),
    # Pingbacks and trackbacks listed with a blog post's comments.
    (
        "comments",
        re.compile(r"^\s*(?:pingback|trackback)\s*(?:von|from|by|on|de)\b", re.I),
        ("pingback", "trackback"),
    ),
    # Affiliate and advertising disclosures under product stories.
    (
        "disclaimer",
        re.compile(
            r"^\s*(?:note:\s*)?(?:advertising|affiliate) disclos|"
            r"\bwe (?:may )?(?:receive|earn) (?:a )?(?:small )?(?:compensation|commission)|"
            r"advertising disclaimer|affiliate[- ]links?\b.{0,80}\b(?:provision|commission)|"
            r"(?:erhalten|bekommen) wir (?:eine|ggf\.? eine) provision",
            re.I,
        ),
        ("disclos", "compensation", "commission", "disclaimer", "provision"),
    ),
    # The publisher's notice that a piece is not its view, or no investment advice:
    # "免责声明：本文来自…自媒体，不代表…的观点和立场。", "声明：…仅供参考，不构成投资建议…",
    # "本文仅代表作者观点，不代表本网立场", "The views expressed in this article are the
    # author's own and do not necessarily reflect …". Only from the start of the line: prose
    # says "他表示这不代表政府立场" and "联合声明".
    (
        "disclaimer",
        re.compile(
            r"^\s*[(（【\[]?\s*(?:(?:免责|特别|版权|郑重)?声明\s*[:：].{0,120}?|"
            r"本文(?:系|为|来自|仅代表).{0,60}?)"
            r"(?:不代表|仅代表(?:作者|个人)|仅供参考|不构成.{0,8}建议|风险自担|不承担.{0,10}责任|"
            r"仅提供信息存储)|"
            r"^\s*(?:disclaimer\s*:\s*)?(?:the |any )?(?:views|opinions) expressed (?:in|by|on) "
            r"(?:this|these|the (?:author|writer|article|column|post|blog|contributor|guest)|"
            r"(?:our )?(?:authors|writers|contributors|columnists|guest))"
            r".{0,80}?(?:are (?:those of|solely|the author|the writer)|"
            r"do not necessarily (?:reflect|represent))",
            re.I,
        ),
        ("声明", "本文", "expressed"),
    ),
    # Browser notes of old portal footers ("Browsers with 1024*768 or higher resolution are
    # suggested for this site", "建议使用1024×768分辨率浏览").
    (
        "footer",
        re.compile(
            r"\d{3,4}\s*[*x×]\s*\d{3,4}.{0,40}resolution|"
            r"resolution.{0,40}\b(?:for|on) (?:this|the) (?:web)?site|"
            r"best viewed (?:with|in|at|using)\b|"
            r"(?:建议|推荐|最佳).{0,20}分辨率|分辨率.{0,12}(?:浏览|访问)",
            re.I,
        ),
        ("resolution", "best viewed", "分辨率"),
    ),
    (
        "contact",
        re.compile(
            r"^\s*(?:for any (?:inquiries|questions|enquiries)|for (?:inquiries|enquiries)),? "
            r"(?:please )?(?:email|contact|write)|^\s*leav(?:ing|e) a message\s*$|"
            r"^\s*(?:联系电话|联系邮箱|投稿邮箱|广告热线|客服电话|新闻热线)\s*[:：]",
            re.I,
        ),
        (
            "for any",
            "for inquiries",
            "for enquiries",
            "message",
            "联系",
            "投稿",
            "广告",
            "客服",
            "新闻热线",
        ),
    ),
)

# The end of a label line: closing punctuation and arrows.
_END = r"\s*[:：.!?！？…»›>)\]】-]*(?:\s*(?:loading|wird geladen)\W*)?\s*$"

# Headings of "related articles" boxes inside article containers. The short lines that
# follow one are its teaser links (`RELATED_RUN_*`, `parsers.linefilter`).
RELATED_HEADING = re.compile(
    r"^\s*(?:[-–—(\[【]\s*)?(?:"
    r"mehr zum thema(?: [\w-]+| (?:auf|bei|von|im|in) [\w.&-]+(?: [\w.&-]+)?)?|"
    r"zum weiterlesen|weiterlesen|lesen sie (?:auch|hier)|"
    r"das (?:thema )?könnte (?:dich|sie) (?:auch )?interessieren|mehr themen|"
    r"lesen sie auch die folgenden (?:beiträge|artikel)|auch interessant|weitere artikel|"
    r"related(?: coverage| articles| stories| posts| content| links)?|"
    r"you (?:might|may) also (?:like|be interested in)|read (?:more|next)|more from [\w .-]{1,30}|"
    r"keep reading|most (?:popular|read|viewed)|trending(?: now)?|top stories|"
    r"editors?['’]?s? (?:picks?|recommendations?|choice)|"
    r"recommended(?: for you)?|meistgelesen|beliebte artikel|"
    r"more (?:on|about) this (?:story|topic)|see also|à lire aussi|lire aussi|"
    r"noticias relacionadas|más noticias|te puede interesar|czytaj (?:też|także|więcej)|"
    r"相关(?:新闻|阅读|文章|报道|推荐|链接|专题)|推荐阅读|延伸阅读|热门推荐|猜你喜欢"
    r"|为[你您]推荐|(?:精彩|热点|编辑)推荐|推荐(?:新闻|文章)|热门(?:文章|新闻|阅读)|更多(?:新闻|阅读|精彩)"
    r"|mehr lesen|ähnliche (?:artikel|beiträge|themen)"
    r"|weitere (?:beiträge|nachrichten|meldungen|themen|artikel)(?: (?:aus|zu|zum|von|über|in)"
    r" [\w .&-]{1,40}(?=\s*:))?|auch (?:auf|bei) [\w-]+\.(?:de|at|ch|com|net|org)"
    r"|notas relacionadas|(?:audios et )?vidéos sur le (?:même )?sujet|sur le même sujet"
    r"|vorschau auf den nächsten artikel|nächster artikel|next article"
    r"|ezek is érdekelhetnek|kapcsolódó cikkek|podobne artykuły|artículos relacionados"
    r"|weitere informationen|more information|mehr (?:zu|von|über) [\w .&-]{1,40}"
    r"|also read|read also|related topics"
    r"|lesen sie hier (?:einen|den|die|das|mehr|weitere)\b.{0,40}"
    # the section about the author(s): their names and bios follow
    r"|über (?:den|die) autor(?:in|en|innen)?|about the authors?|autor[:*_]innen"
    r")" + _END,
    re.I,
)
# The editor line that closes an article on Chinese portals ("责任编辑：张三", "(责编：张三)",
# "【编辑：姚昊】"); the blocks after it go when at least CLOSING_LINE_SHARE of the body's
# characters come before it.
CLOSING_EDITOR_LINE = re.compile(
    r"^\s*[(（【\[]?\s*(?:责任编辑|责编|编辑)\s*[:：]\s*"
    r"[^\s:：]{1,12}(?:[、,， ][^\s:：]{1,12}){0,3}\s*[)）】\]]?\s*$"
)
CLOSING_LINE_SHARE = 0.75
# After a related heading, following blocks up to this many characters are its teaser
# links and go too, at most RELATED_RUN_BLOCKS of them; a longer block ends the run.
RELATED_RUN_CHARS = 250
RELATED_RUN_BLOCKS = 12
# A heading that ends the body heads what was removed after it ("Weitere Themen", "News",
# "Teilnehmende Blogs:", "Keine Lust alleine zu radeln?"). Kept: a heading that is a
# statement (ends with a full stop: "Es stützt seine Version.", a subhead whose section
# is on the next page) or longer than CLOSING_HEADING_MAX_CHARS (a paragraph in heading
# markup).
CLOSING_HEADING_MAX_CHARS = 120
# A line of a transcript or interview ("Korinna Muster: Aus China.") ends a teaser run: the
# article goes on after the box. A speaker is two to four capitalised words before a colon.
SPEAKER_LINE = re.compile(r"^\s*[A-ZÄÖÜ][\w.'-]+(?: [A-ZÄÖÜ][\w.'-]+){1,3}:\s+\S")

# Labels of page widgets that sit inside article containers: rating and feedback
# prompts, share and comment prompts, "related" headings, ad labels, newsletter fields,
# back links. Matched against the whole line only (at most WIDGET_MAX_CHARS), so prose
# that uses the words is kept. English, German, French, Spanish, Polish, Chinese.
WIDGET_MAX_CHARS = 60
WIDGET_LINE = re.compile(
    r"^\s*(?:[-–—(\[]\s*)?(?:"
    # rating and feedback
    r"(?:war|ist) (?:der|dieser|die(?:ser)?) (?:artikel|beitrag|seite|text) "
    r"(?:hilfreich|nützlich|lesenswert)|"
    r"wie (?:bewerten|gefällt|fanden) (?:sie|du|ihnen|dir) (?:diesen|den|dieser|diese) "
    r"(?:artikel|beitrag|text)|hier können sie (?:den|diesen) (?:artikel|beitrag) bewerten|"
    r"(?:artikel|beitrag) bewerten|noch keine bewertungen?|"
    r"was this (?:article|page|post|story|information) (?:helpful|useful)|"
    r"(?:rate|share) this (?:article|page|post|story)|valora esta noticia|"
    r"¿?te (?:ha )?gust(?:ó|a) (?:esta noticia|este artículo)|"
    r"这篇文章对你有帮助吗|"
    # share and comment prompts
    r"(?:möchten sie )?(?:den|diesen) (?:artikel|beitrag) teilen|beitrag teilen|"
    r"(?:jetzt|artikel) teilen|"
    r"kommentar(?:e)? (?:verfassen|schreiben|abgeben|hinzufügen|anzeigen)|"
    r"kommentare (?:sind )?geschlossen|(?:\d+ )?kommentare?(?: \(\d+\))?|"
    r"(?:leave|post|write|add) a (?:comment|reply)|comments? (?:are )?closed|"
    r"(?:\d+ )?comments?(?: \(\d+\))?|laisser un commentaire|deja (?:un|tu) comentario|"
    r"(?:\d+ )?comentarios?|发表评论|网友评论|我要(?:跟帖|评论)|评论\s*[(（]\d+[)）]|"
    r"(?:keine|no) (?:kommentare|comments)|"
    r"\d+(?:[.,]\d+)?\s?[km]?\s+(?:shares?|teilen|partages|compartidos)|"
    # English news tools left as text: share buttons, listen/save/gift, reading time,
    # the "continues below" notes of ad slots
    r"(?:share|post) (?:on|to|via) (?:facebook|twitter|x|linkedin|whatsapp|e-?mail|"
    r"pinterest|reddit|telegram)|"
    r"click to (?:share|email|print)(?: on [\w ]{1,20})?(?: \(opens in new window\))?|tweet|"
    r"listen to (?:this|the) (?:article|story)(?: \d+ min(?:utes?)?)?|\d+ min(?:ute)? read|"
    r"gift (?:this )?article|save(?: this)?(?: article| story)?|"
    r"print this (?:article|page|story)|view comments|subscribe now|like this|"
    r"story continues below(?: advertisement)?|(?:advertisement - )?scroll to continue"
    r"(?: with content)?|"
    # picture tools
    r"bild (?:anzeigen|vergrößern)|(?:show|view|enlarge) (?:image|photo|picture)|"
    r"已输入\s*\d+\s*字|"
    # Chinese portals' page tools: font size, gallery link, like counter
    r"字号(?:\s*[:：]?\s*[大中小](?:\s*[大中小]){0,2})?|图集|\+\s?\d{1,3}|"
    # ad labels, alone or before the ad's teaser ("ANZEIGE - Heute mal ausgehen?")
    r"advertisement|anzeige|werbung|reklama|publicidad|publicité|sponsored|广告|"
    r"(?:advertisement|anzeige|werbung|sponsored)\s*[-–—|]\s*.{1,50}|"
    # newsletter fields and sign-up prompts
    r"(?:gib|geben sie) (?:deine|ihre) e-?mail-?adresse ein|enter your e-?mail(?: address)?|"
    r"jetzt (?:registrieren|anmelden|abonnieren)|newsletter abonnieren|entdecken sie jetzt|"
    r"sign up for (?:our|the) newsletter|"
    # download and "more" boxes
    r"(?:(?:dieses|diesen|den|das) [\w-]+ )?als pdf herunterladen|pdf herunterladen|"
    r"download(?: \(?\d+(?:[.,]\d+)? ?[kmg]b\)?)?|"
    r"(?:link )?zum (?:artikel|beitrag)|mehr erfahren|learn more|"
    r"read the (?:full )?(?:story|article)|"
    r"continue reading(?: the (?:main |full )?(?:story|article))?|"
    # labels left without their value, and label rows of tags and categories
    r"(?:kontakt|contact|von|autor(?:en|in|innen)?|authors?|quellen?|sources?|fotos?|"
    r"źródło|fuente|fonte|externer inhalt|empfohlener externer inhalt|external content|"
    r"bilder|titelbild|beitragsbild|bildquelle|crédits? photos?|"
    r"erschienen in|aktualisiert|updated|veröffentlicht|published|"
    r"fragen an (?:den|die) autor(?:in)?|"
    r"quellen (?:ausblenden|anzeigen)|mehr anzeigen|weniger anzeigen|show (?:more|less))|"
    r"(?:kategorien?|categor(?:y|ies)|tags|schlagwörter|stichwörter|filed under|posted in|标签|"
    r"关键词|关键字)"
    r"\s*(?:[:：]|>>).{0,50}|"
    # back links
    r"zurück(?: zur (?:übersicht|listenansicht|startseite))?|"
    r"back(?: to (?:the )?(?:top|overview|list))?|follow us(?: on(?: [\w ]{1,30})?)?|"
    r"zur übersicht|返回(?:首页|列表|顶部)?|返回\w{1,6}[，,]?\s*查看更多|"
    # "load more" buttons of teaser feeds
    r"加载更多(?:新闻|内容|文章)?|查看更多|更多精彩|load more(?: news| stories| articles)?|"
    # Chinese portals' buttons: read the rest, report, tip, like, the next picture
    r"(?:点击)?(?:阅读|展开|查看)全文|点击进入专题|手机(?:看|读)新闻|点击图片进入下一页|"
    r"举报|打赏|点赞|"
    # "扫一扫在手机打开当前页": the QR code to open the page on a phone
    r"扫一扫(?:在手机(?:上)?(?:打开|阅读|浏览|查看)(?:当前页|本页|本文)?|分享)?"
    r")" + _END,
    re.I,
)

# A pager left in the body: "首页 | 上一页 1 2 下一页 | 尾页", "« Previous 1 2 3 Next »": only
# pager words, page numbers and separators, with a previous or next link among them.
_PAGER_TOKEN = r"(?:首页|上一页|下一页|尾页|末页|previous|prev|next|first|last|[«»‹›|｜]|\d{1,3})"
# The previous/next article links under a Chinese portal's article: "上一篇：…", "下一篇：…".
PREV_NEXT_ARTICLE_LINE = re.compile(r"^\s*(?:阅读)?(?:上一篇|下一篇)\s*[:：]")
PAGER_LINE = re.compile(
    rf"^\s*(?={_PAGER_TOKEN}(?:\s*{_PAGER_TOKEN})+\s*$).*(?:上一页|下一页|previous|prev|next)",
    re.I,
)

# A breadcrumb trail left in the body: "> Blog > Politics > The headline", "Home » News
# » World" -- short parts joined by at least two arrows.
BREADCRUMB_LINE = re.compile(
    r"^\s*[>»›]?\s*(?:[^>»›.!?]{1,60}\s[>»›]\s+){2,}[^>»›]{0,159}[^>»›.!?。！？\s]\s*$"
)

# A site's menu left as a line: the home link, then three or more short items between bars
# ("Home | World | Business | Sports", "首页 | 新闻 | 体育"), or, in Chinese, between spaces
# ("首页 新闻 体育 财经"). Latin items need the bars: "Home prices fall again" is a headline.
MENU_LINE = re.compile(
    r"^\s*(?:(?:home|startseite|accueil|inicio|首页|主页|网站首页)"
    r"(?:\s*[|｜·•/]\s*[^|｜·•/.!?。！？]{1,20}){3,}|"
    r"(?:首页|主页|网站首页)(?:\s+[\u4e00-\u9fff]{1,6}){3,})\s*$",
    re.I,
)

# A photo credit left as a line of its own: "Photograph by Jane Doe", "Foto: dpa",
# "Bild via Instagram", "Kuva: Jane Doe" (short; "Quelle:"/"Source:" lines are kept:
# they may name the story's source).
CREDIT_LINE = re.compile(
    r"^\s*[(\[]?\s*(?:photo(?:graph)?s?|fotos?|bild(?:er)?|images?|credits?|kuva|zdjęcie|"
    r"crédito|credito|cr[ée]dits? photos?|图片?|摄影)\s*(?:[:：/]|by\b|via\b|von\b)"
    r"\s*[^.!?。！？]{0,60}[)\]]?\s*$",
    re.I,
)

# A caption line that ends with its credit: "A fracking rig in Pennsylvania © Jane Doe".
CREDITED_CAPTION = re.compile(r"^.{10,200}\s©\s*[^\s©][^©]{1,40}$")

# The date line of a question or answer on Q&A sites ("asked Feb 6, 2014 at 20:37",
# "edited 3 mins ago" is left alone): recorded as a byline.
QA_DATE_LINE = re.compile(
    r"^\s*(?:asked|answered|edited|modified)\s+(?:on\s+)?[a-z]{3,9}\.? \d{1,2}(?:, \d{4})?"
    r"(?: at \d{1,2}:\d{2})?\s*$",
    re.I,
)

# A line that is only a date or a time, with or without its label ("Aktualisiert:
# 03.04.2020", "12/01/2023, 10:30", "2024-04-20 10:30:00", "20:37 Uhr", "18:22, 20-Apr-2024",
# "5 April 2013 Last updated at 08:09 GMT", "Publiziert: 03.04.2020, 12:35", "am 3. Februar
# 2022 um 21:17", "Posted on Wednesday, May 16th, 2012"): a dateline. A weekday only after a
# label: "Donnerstag, 03. Februar 2022" alone heads a day of a schedule in the article.
_MONTH = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|januar|februar|märz|mai|juni|juli|"
    r"oktober|dezember|january|february|march|april|june|july|august|september|october|"
    r"november|december)\.?"
)
_WEEKDAY = (
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:mon|tue|wed|thu|fri|sat|sun)\.?|"
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)"
)
_DAY_DATE = (
    r"(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|"
    rf"\d{{1,2}}\.?[ -]{_MONTH}[ -]\d{{4}}|{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? ?\d{{4}})"
)
_CLOCK = (
    r"\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*(?:uhr|h|am|pm))?"
    r"(?:\s*(?:gmt|utc|bst|cet|cest|mez|mesz|est|edt|pst|pdt|et|pt)(?:[+-]\d{1,2})?)?"
)
_DATE_LABEL_WORD = (
    r"(?:(?:last |zuletzt )?(?:aktualisiert|updated|veröffentlicht|published|publiziert|"
    r"geändert|modified|stand|datum|date|release date|erstellt|posted)(?: (?:am|on|at))?)"
)
_DATE_LABEL = rf"(?:(?:{_DATE_LABEL_WORD}|am|on)\s*[:：]?\s*(?:{_WEEKDAY},?\s*(?:den\s+)?)?)"
# "2 hours ago", "vor 3 Stunden"
_AGO = (
    r"(?:\d{1,2} (?:minutes?|mins?|hours?|hrs?|days?|weeks?) ago|"
    r"vor \d{1,2} (?:minuten|stunden|tagen|wochen))"
)
DATE_LINE = re.compile(
    rf"^\s*{_DATE_LABEL}?(?:{_DAY_DATE}(?:,?\s*{_DATE_LABEL}?(?:um\s*|at\s*)?{_CLOCK})?|"
    rf"{_CLOCK}(?:,?\s*{_DAY_DATE})?|{_AGO})\s*$|"
    # the label alone, its date in the next element ("Last Modified:", "Aktualisiert am"):
    # with its colon or its "am"/"on" ("Date" alone heads a table's column)
    rf"^\s*{_DATE_LABEL_WORD}\s*[:：]\s*$|^\s*{_DATE_LABEL_WORD}(?<= am| on| at)\s*$",
    re.I,
)

# Links of a footer. A line is a footer-link line only when it consists of these and
# separators alone: 关于我们 also occurs inside sentences. Longer names first so that
# "Contact Us" is consumed whole.
FOOTER_LINK_WORDS = (
    "about us",
    "contact us",
    "advertise with us",
    "work with us",
    "join us",
    "follow us",
    "newsletters",
    "e-paper",
    "epaper",
    "about",
    "contact",
    "privacy policy",
    "privacy",
    "terms of use",
    "terms of service",
    "terms and conditions",
    "terms",
    "cookie policy",
    "sitemap",
    "site map",
    "advertise",
    "advertising",
    "careers",
    "jobs",
    "help",
    "faq",
    "rss",
    "subscribe",
    "feedback",
    "legal",
    "disclaimer",
    "copyright",
    "home",
    "back to top",
    "top",
    "impressum",
    "datenschutz",
    "datenschutzerklärung",
    "agb",
    "kontakt",
    "mediadaten",
    "barrierefreiheit",
    "关于我们",
    "联系我们",
    "网站地图",
    "广告服务",
    "法律声明",
    "隐私政策",
    "隐私保护",
    "用户协议",
    "服务条款",
    "版权声明",
    "招聘信息",
    "人才招聘",
    "加入我们",
    "意见反馈",
    "网站导航",
    "投稿",
    "帮助",
    "帮助中心",
    "合作伙伴",
    "友情链接",
    "网站声明",
    "免责声明",
    "广告合作",
    "商务合作",
    "返回顶部",
    "设为首页",
    "加入收藏",
    "联系方式",
    "本站介绍",
    "网站简介",
    "客户服务",
    "English",
    "中文",
    # blog post footers
    "permalink",
    "permalien",
    "trackback",
    "trackback-url",
    "kommentarfeed",
    "kommentare geschlossen",
    "comments closed",
    "comments are closed",
    "comments feed",
    "comment feed",
)
FOOTER_LINKS = re.compile(
    r"^(?:\s|[|｜·•/,，、-])*(?:(?:"
    + "|".join(re.escape(w) for w in sorted(FOOTER_LINK_WORDS, key=len, reverse=True))
    + r")(?:\s|[|｜·•/,，、-])*){2,}$",
    re.I,
)

# Share rows that survive as text ("Share: Facebook Twitter WeChat").
SHARE_LINE = re.compile(
    r"^(?:\s|[|·•:：/,，-])*(?:(?:share(?: this)?(?: article| story)?|teilen|drucken|print|"
    r"e-?mail|facebook|twitter|x|wechat|weibo|linkedin|whatsapp|reddit|telegram|pinterest|"
    r"微信|微博|qq空间|分享到?|朋友圈|收藏|打印|复制链接|copy link)(?:\s|[|·•:：/,，-])*){1,}$",
    re.I,
)

# Article toolbars left as text ("Print Mail Large Medium Small", "Feedback Print Email
# Favorite", "A+ A- Print"): three or more tool and font-size words and nothing else, one
# of them a tool (a line of sizes alone, "Small Medium Large", is a product's options).
_TOOL_WORD = (
    r"(?:share|print|e-?mail|mail|feedback|favou?rites?|bookmark|save|comments?|"
    r"drucken|teilen|merken|kommentare?|imprimer|partager|imprimir|compartir|"
    r"打印|收藏|分享|评论|纠错)"
)
_FONT_SIZE_WORD = (
    r"(?:large|medium|small|big|a\+|a-|a|font(?: size)?|text size|schrift(?:größe)?|"
    r"大|中|小|字号)"
)
_TOOLBAR_SEPARATOR = r"(?:\s|[|｜·•/,，、-])"
TOOLBAR_LINE = re.compile(
    rf"^(?=.*?(?<![\w+-]){_TOOL_WORD}(?![\w+-])){_TOOLBAR_SEPARATOR}*"
    rf"(?:(?:{_TOOL_WORD}|{_FONT_SIZE_WORD})(?:{_TOOLBAR_SEPARATOR}+|$)){{3,}}$",
    re.I,
)
# The button rows of Chinese portals and government sites, often in brackets:
# "【字号：大 中 小】【打印】【关闭】", "[打印本页] [关闭窗口]", "【纠错】", "打印 | 关闭",
# "Print This Page | Close Window", "Font size: A A A". One bracketed button is enough; bare
# buttons need two. Only whole lines: "打印" and "关闭" are words of prose too.
_PORTAL_BUTTON = (
    r"(?:字号\s*[:：]?\s*(?:[大中小Tt][\s|｜]*){1,3}|(?:我要)?打印(?:本页|此页|文章|本文)?|"
    r"关闭(?:窗口|本页|此页)?|收藏(?:本页|本文)?|纠错|我要纠错|推荐给朋友|返回顶部|"
    r"print(?: this)?(?: page| article)?|close(?: this)?(?: window| page)?|"
    r"font size\s*:?(?:\s*a[+-]?){0,3})"
)
# (The CJK "字号：大 中 小" alone is a widget label, WIDGET_LINE.)
_FONT_SIZE_CONTROL = r"(?:font size\s*:(?:\s*a[+-]?){2,3})"
PORTAL_TOOLBAR_LINE = re.compile(
    rf"^\s*(?:(?:[【\[]\s*{_PORTAL_BUTTON}\s*[】\]]\s*)+"
    rf"|{_PORTAL_BUTTON}(?:\s*[|｜/·]?\s*{_PORTAL_BUTTON})+|{_FONT_SIZE_CONTROL})\s*$",
    re.I,
)

# A line that starts with the headline is the headline with a site suffix (" | Insights",
# " - Spiegel Online") when it is at most this much longer (letters and digits only).
TITLE_SUFFIX_MAX_CHARS = 40

# Byline and dateline lines ("By ZHAN CHEN|Apr 20,2024", "作者：张三 来源：新华社").
# Only whole short lines: 来源 and 记者 appear in prose too.
BYLINE_MAX_CHARS = 90
BYLINE = re.compile(
    r"^\s*(?:[Bb][Yy]\s+[A-Z\u00c0-\u017f][\w.'\u00c0-\u017f-]*(?:\s+[\w.'\u00c0-\u017f-]+){0,4}"
    r"\s*(?:[|,·•]\s*.*)?$|[Vv]on\s+[A-ZÄÖÜ][\w-]+\s+[A-ZÄÖÜ][\w-]+\s*$|"
    r"(?:作者|记者|文|编辑|责任编辑|责编|来源|本文来源|发布时间|发布日期|时间|日期|稿源)"
    r"\s*[:：/]\s*\S|"
    # "石佳/中国青年报": a reporter's name and the outlet, the byline of Chinese portals
    r"[\u4e00-\u9fff]{2,4}\s*/\s*[\u4e00-\u9fff]{1,10}(?:报|网|社|台|刊|新闻|杂志|客户端)\s*$|"
    # "Source: Global Times Published: Apr 20, 2024 10:30 PM": labelled outlet and date
    rf"(?i:(?:source|by|author)\s*:\s*.{{1,50}}?\s(?:published|updated|posted)\s*:\s*{_DAY_DATE}).*$)",
)

# A CJK line with a clause comma that ends a sentence is prose, even when it opens with the
# byline the metadata read ("新华社巴黎12月9日电（记者唐霁）法国9日再次爆发……，……。"): CJK
# bylines separate their fields with spaces or bars, never with "，", and end without "。".
CJK_SENTENCE = re.compile(r"[\u4e00-\u9fff]，.*[\u4e00-\u9fff”」）)][。！？]\s*$")

# Words a byline line may hold besides the authors' names (`linefilter.is_author_line`).
AUTHOR_LINE_WORDS = re.compile(
    r"\b(?:by|von|und|and|with|mit|interview|text|texte|fotos?|photos?|author|autor(?:in)?|"
    r"reporter|redaktion|de|por|y|et|par)\b|[,:;|/&·•()-]",
    re.I,
)

# A slogan or tagline line just before the footer ("New Era, New Journey, New Chongqing"):
# short and without sentence punctuation. Dropped only next to other boilerplate.
SLOGAN_MAX_CHARS = 60
SENTENCE_END = re.compile(r"[.!?。！？…\"”)）:：]\s*$")
