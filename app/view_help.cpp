#include "app/view_help.h"

#include "widgets/figure_view.h"

namespace laminar {

// Claims here are the measured ones of docs/controls.md and the controls issue (random-weight
// GPT-2: Kendall tau about -0.4 to -0.7 at every layer, attention above MLP at every layer).
QString ViewHelp::control(const QString& id) {
  if (id == QLatin1String("laminar-profile"))
    return tr("Tick \"Compare with untrained model\" to draw the same statistic for an untrained GPT-2 of the same "
              "shape (grey). What the trained model and the untrained one share comes from the architecture and the "
              "method, not from training. For experiment 2 the profile also carries the permutation bands of Kendall's "
              "tau and of attention − MLP.");
  if (id == QLatin1String("cosine-spectrum"))
    return tr("The shuffled measure is the baseline: the same vectors with each dimension shuffled across texts, so "
              "no dimension depends on another. A spectrum that looks like the shuffled one shows no dependence "
              "between dimensions.");
  if (id == QLatin1String("spectrum-mass"))
    return tr("The bands are bootstrap intervals over sentences; the untrained control (if run) draws the same shares "
              "for random weights. Shares depend on the number of sentences: compare runs on the same sentences.");
  if (id == QLatin1String("text-similarity"))
    return tr("The untrained control shows how similar random weights already make the texts: only what a trained "
              "model adds to that was learned.");
  if (id == QLatin1String("mi-vs-distance"))
    return tr("On an untrained GPT-2, MI already falls with token distance (Kendall's tau between about −0.4 and −0.7 "
              "at every layer): texts share their prefix, and a causal model averages over it. Compare tau with the "
              "untrained control and the permutation band, not with 0. The estimator floor (MI of shuffled pairs) "
              "shows the estimator's bias at zero dependence.");
  if (id == QLatin1String("mi-matrices"))
    return tr("Each cell is one pair's MI, estimated from few samples and biased upward; the estimator floor and the "
              "untrained control give its level without learned structure. Compare whole maps, not single cells.");
  if (id == QLatin1String("mi-significance"))
    return tr("On an untrained GPT-2, attention MI is above MLP MI at every layer with high significance: the test "
              "compares the two sites, not a learned effect. Read the trained model's differences against the "
              "untrained control's, and prefer the paired tests (each pair is measured at both sites).");
  if (id == QLatin1String("mi-estimators"))
    return tr("The histogram and KSG estimators have different biases; where they disagree, the difference is a "
              "property of the estimators, not of the model.");
  if (id == QLatin1String("logit-lens-top"))
    return tr("An untrained GPT-2 puts the input token itself first at every layer, with probabilities near "
              "1/vocabulary: its output layer is its input embedding (they are tied) and its random blocks change the "
              "residual stream little. Only predictions a trained model makes beyond that come from training.");
  if (id == QLatin1String("logit-lens-profile"))
    return tr("Tick \"Compare with untrained model\" to draw the same profile for an untrained GPT-2 of the same shape "
              "(grey): the actual next token's median rank stays near vocabulary/2 there. What the trained model "
              "gains over the grey lines was learned.");
  if (id == QLatin1String("attention-heads") || id == QLatin1String("attention-target"))
    return tr("With the small random weights of an untrained GPT-2 the attention scores are small, so attention "
              "spreads fairly evenly over the earlier tokens; sharp patterns that appear only in a trained model "
              "were learned.");
  return {};
}

QString ViewHelp::html(const FigureView& view) {
  QString out = QStringLiteral("<h3>%1</h3><p><b>%2</b> %3</p>")
                    .arg(view.title().toHtmlEscaped(), tr("What is plotted, how to read it:").toHtmlEscaped(),
                         view.caption().toHtmlEscaped());
  const QString c = control(view.figureId());
  if (!c.isEmpty())
    out += QStringLiteral("<p><b>%1</b> %2</p>").arg(tr("What a control shows:").toHtmlEscaped(), c.toHtmlEscaped());
  if (view.offersControlToggle())
    out += QStringLiteral("<p>%1</p>").arg(tr("With \"Compare with untrained model\" ticked before the run, \"Show the "
                                              "untrained control\" above the figure draws the control's figure in "
                                              "place of the run's: tick and untick it to compare.").toHtmlEscaped());
  return out;
}

}  // namespace laminar
