<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>laminar::AttentionHeadsView</name>
    <message numerus="yes">
        <source>all %n head(s)</source>
        <translation>
            <numerusform>all %n head</numerusform>
            <numerusform>all %n heads</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>laminar::LogitLensProfileView</name>
    <message numerus="yes">
        <source>Logit lens — the token after the target, %n text(s)</source>
        <translation>
            <numerusform>Logit lens — the token after the target, %n text</numerusform>
            <numerusform>Logit lens — the token after the target, %n texts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>laminar::MainWindow</name>
    <message numerus="yes">
        <source>Done: %n layer(s) in %1 s</source>
        <translation>
            <numerusform>Done: %n layer in %1 s</numerusform>
            <numerusform>Done: %n layers in %1 s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n file(s) to %1</source>
        <translation>
            <numerusform>Exported %n file to %1</numerusform>
            <numerusform>Exported %n files to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>laminar::SentencePanel</name>
    <message numerus="yes">
        <source>… and %n more text(s), not shown here</source>
        <translation>
            <numerusform>… and %n more text, not shown here</numerusform>
            <numerusform>… and %n more texts, not shown here</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n text(s)</source>
        <translation>
            <numerusform>%1 — %n text</numerusform>
            <numerusform>%1 — %n texts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>laminar::TokenPreview</name>
    <message numerus="yes">
        <source>… %n more token(s)</source>
        <translation>
            <numerusform>… %n more token</numerusform>
            <numerusform>… %n more tokens</numerusform>
        </translation>
    </message>
</context>
</TS>
