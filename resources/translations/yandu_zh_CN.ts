<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../desktop_app/ui/find_bar.py" line="38" />
        <source>Find in text</source>
        <translation>在正文中查找</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/find_bar.py" line="44" />
        <source>Previous match (Shift+Enter, Shift+F3)</source>
        <translation>上一个 (Shift+Enter, Shift+F3)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/find_bar.py" line="46" />
        <source>Next match (Enter, F3)</source>
        <translation>下一个 (Enter, F3)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/find_bar.py" line="48" />
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/find_bar.py" line="52" />
        <source>Find:</source>
        <translation>查找：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/find_bar.py" line="143" />
        <source>No matches</source>
        <translation>无匹配</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="145" />
        <source>Open a text file</source>
        <translation>打开文本文件</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="145" />
        <source>Text files (*.txt);;All files (*)</source>
        <translation>文本文件 (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="166" />
        <source>Opening %s…</source>
        <translation>正在打开 %s…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="171" />
        <source>Another Yandu window is running on the same data and does not answer; both can be used.</source>
        <translation>另一个研读窗口正在使用同一份数据且没有响应；两个窗口都可以使用。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="198" />
        <source>Unexpected error while opening the file: %s (details in %s)</source>
        <translation>打开文件时发生意外错误：%s（详情见 %s）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="203" />
        <source>Cannot open the file</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="326" />
        <source>Zoom %d%%</source>
        <translation>缩放 %d%%</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="341" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="341" />
        <source>The new language takes effect the next time Yandu starts.</source>
        <translation>新的界面语言将在下次启动研读时生效。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="349" />
        <source>About Yandu</source>
        <translation>关于研读</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="350" />
        <source>&lt;b&gt;%s (Yandu)&lt;/b&gt; %s&lt;br&gt;Read, search and annotate long Chinese documents offline.</source>
        <translation>&lt;b&gt;%s（Yandu）&lt;/b&gt; %s&lt;br&gt;离线阅读、检索和批注长篇中文文档。</translation>
    </message>
</context>
<context>
    <name>TocDock</name>
    <message>
        <location filename="../../desktop_app/ui/toc_dock.py" line="23" />
        <source>Contents</source>
        <translation>目录</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="30" />
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="31" />
        <source>Open the &amp;bundled speech</source>
        <translation>打开内置讲话稿(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="32" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="34" />
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="36" />
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="38" />
        <source>&amp;Actual size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="42" />
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="42" />
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="42" />
        <source>&amp;Eye care (sepia)</source>
        <translation>护眼(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="59" />
        <source>&amp;Contents</source>
        <translation>目录(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="61" />
        <source>&amp;Find in text…</source>
        <translation>在正文中查找(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="62" />
        <source>Find &amp;next</source>
        <translation>查找下一个(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="64" />
        <source>Find &amp;previous</source>
        <translation>查找上一个(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="67" />
        <source>&amp;About Yandu</source>
        <translation>关于研读(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="83" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="89" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="96" />
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="99" />
        <source>Language (语言)</source>
        <translation>语言 (Language)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="103" />
        <source>&amp;Search</source>
        <translation>搜索(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="108" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
</context>
</TS>