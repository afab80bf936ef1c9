// One-off tool: renders hicolor/scalable/apps/io.laminar.Laminar.svg to the PNG sizes beside it
// with Qt's SVG renderer (what the app itself uses). Not part of the build; rerun after
// editing the SVG:
//   g++ -std=c++17 -fPIC render-icons.cpp -o /tmp/render $(pkg-config --cflags --libs Qt6Gui Qt6Svg)
//   QT_QPA_PLATFORM=offscreen /tmp/render hicolor/scalable/apps/io.laminar.Laminar.svg hicolor
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>
#include <QDir>
int main(int argc, char** argv) {
  QGuiApplication app(argc, argv);
  QSvgRenderer svg{QString::fromLocal8Bit(argv[1])};
  for (int size : {16, 22, 24, 32, 48, 64, 128, 256, 512}) {
    QImage img(size, size, QImage::Format_ARGB32_Premultiplied);
    img.fill(Qt::transparent);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    svg.render(&p);
    p.end();
    QString dir = QString("%1/%2x%2/apps").arg(argv[2]).arg(size);
    QDir().mkpath(dir);
    img.save(dir + "/io.laminar.Laminar.png", "PNG", 9);
  }
}
