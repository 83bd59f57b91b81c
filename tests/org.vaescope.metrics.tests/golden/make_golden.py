#!/usr/bin/python3
"""Golden values for VAEScope's disentanglement metrics from an independent implementation.

Writes one JSON file per case into this directory: the fixture arrays (training and test codes and
factor classes, so both implementations use the same rows) and the values of MIG, DCI, SAP,
modularity, explicitness and IRS computed here with numpy and scikit-learn, following
google-research/disentanglement_lib (mig.py, dci.py, sap_score.py, modularity_explicitness.py,
irs.py, utils.py) line by line; for four cases also the FactorVAE and BetaVAE scores (factor_vae.py,
beta_vae.py) on votes and points drawn here. VAEScope must match every value within +-0.01
(tests/org.vaescope.metrics.tests/src/org/vaescope/metrics/GoldenTest.java).

Run (Debian: apt-get install python3-sklearn python3-numpy):
    /usr/bin/python3 tests/org.vaescope.metrics.tests/golden/make_golden.py
The fixtures are deterministic (numpy seed per case); sklearn's version is recorded in each file.
Naming cases (e.g. `make_golden.py identity noise`) regenerates only those.
"""
import json
import os
import sys

import numpy as np
import scipy.stats
import sklearn
from sklearn import ensemble, linear_model, metrics, svm
from sklearn.multiclass import OneVsRestClassifier

HERE = os.path.dirname(os.path.abspath(__file__))
FACTOR_SIZES = [3, 6, 40, 32, 32]  # dSprites without colour: shape, scale, orientation, posX, posY
NUM_TRAIN, NUM_TEST = 1000, 500
NUM_BINS = 20


# --- disentanglement_lib utils.py -------------------------------------------------------------
def histogram_discretize(target, num_bins=NUM_BINS):
    """target: codes x samples."""
    discretized = np.zeros_like(target)
    for i in range(target.shape[0]):
        discretized[i, :] = np.digitize(target[i, :], np.histogram(target[i, :], num_bins)[1][:-1])
    return discretized


def discrete_mutual_info(mus, ys):
    m = np.zeros([mus.shape[0], ys.shape[0]])
    for i in range(mus.shape[0]):
        for j in range(ys.shape[0]):
            m[i, j] = metrics.mutual_info_score(ys[j, :], mus[i, :])
    return m


def discrete_entropy(ys):
    return np.array([metrics.mutual_info_score(ys[j, :], ys[j, :]) for j in range(ys.shape[0])])


def normalize_data(data, mean=None, stddev=None):
    if mean is None:
        mean = np.mean(data, axis=1)
    if stddev is None:
        stddev = np.std(data, axis=1)
    return (data - mean[:, np.newaxis]) / stddev[:, np.newaxis], mean, stddev


# --- metrics ----------------------------------------------------------------------------------
def mig(mus, ys):
    m = discrete_mutual_info(histogram_discretize(mus), ys)
    entropy = discrete_entropy(ys)
    sorted_m = np.sort(m, axis=0)[::-1]
    return float(np.mean(np.divide(sorted_m[0, :] - sorted_m[1, :], entropy[:])))


def dci(mus_train, ys_train, mus_test, ys_test):
    importance = np.zeros([mus_train.shape[0], ys_train.shape[0]])
    test_acc = []
    for i in range(ys_train.shape[0]):
        model = ensemble.GradientBoostingClassifier(random_state=0)
        model.fit(mus_train.T, ys_train[i, :])
        importance[:, i] = np.abs(model.feature_importances_)
        test_acc.append(np.mean(model.predict(mus_test.T) == ys_test[i, :]))

    def weighted(per, weights_axis):
        imp = importance if importance.sum() != 0 else np.ones_like(importance)
        return float(np.sum(per * imp.sum(axis=weights_axis) / imp.sum()))

    per_code = 1. - scipy.stats.entropy(importance.T + 1e-11, base=importance.shape[1])
    per_factor = 1. - scipy.stats.entropy(importance + 1e-11, base=importance.shape[0])
    return weighted(per_code, 1), weighted(per_factor, 0), float(np.mean(test_acc))


def sap(mus_train, ys_train, mus_test, ys_test):
    score = np.zeros([mus_train.shape[0], ys_train.shape[0]])
    for i in range(mus_train.shape[0]):
        for j in range(ys_train.shape[0]):
            classifier = svm.LinearSVC(C=0.01, class_weight="balanced", tol=1e-6, max_iter=100000)
            classifier.fit(mus_train[i, :][:, np.newaxis], ys_train[j, :])
            pred = classifier.predict(mus_test[i, :][:, np.newaxis])
            score[i, j] = np.mean(pred == ys_test[j, :])
    sorted_matrix = np.sort(score, axis=0)
    return float(np.mean(sorted_matrix[-1, :] - sorted_matrix[-2, :]))


def modularity(mus_train, ys_train):
    mi = discrete_mutual_info(histogram_discretize(mus_train), ys_train)
    squared = np.square(mi)
    max_squared = np.max(squared, axis=1)
    delta = (np.sum(squared, axis=1) - max_squared) / (max_squared * (squared.shape[1] - 1.))
    score = 1. - delta
    score[max_squared == 0.] = 0.
    return float(np.mean(score))


def explicitness(mus_train, ys_train, mus_test, ys_test):
    train_norm, mean, std = normalize_data(mus_train)
    test_norm, _, _ = normalize_data(mus_test, mean, std)
    scores = []
    for i in range(ys_train.shape[0]):
        # one-vs-rest L2 logistic regression, C = 1, solved to convergence (normalised OvR probabilities)
        clf = OneVsRestClassifier(linear_model.LogisticRegression(C=1.0, tol=1e-10, max_iter=100000))
        clf.fit(train_norm.T, ys_train[i, :])
        proba = clf.predict_proba(test_norm.T)
        onehot = (ys_test[i, :][:, np.newaxis] == clf.classes_[np.newaxis, :]).astype(int)
        scores.append(metrics.roc_auc_score(onehot, proba))
    return float(np.mean(scores))


def irs(mus, ys, diff_quantile=0.99):
    ys_discrete = histogram_discretize(ys)
    latents = mus[mus.var(axis=1) > 0., :].T
    gen = ys_discrete.T
    max_dev = np.max(np.abs(latents - latents.mean(axis=0)), axis=0)
    cum = np.zeros([latents.shape[1], gen.shape[1]])
    for i in range(gen.shape[1]):
        values = np.unique(gen[:, i])
        for v in values:
            match = gen[:, i] == v
            diffs = np.abs(latents[match, :] - np.mean(latents[match, :], axis=0))
            cum[:, i] += np.percentile(diffs, q=diff_quantile * 100, axis=0)
        cum[:, i] /= len(values)
    irs_matrix = 1.0 - cum / max_dev[:, np.newaxis]
    scores = irs_matrix.max(axis=1)
    return float(np.average(scores, weights=max_dev) if np.sum(max_dev) > 0 else np.mean(scores))


# --- the sampling scores (beta_vae.py, factor_vae.py) ---------------------------------------------
# Both draw fresh batches from a ground-truth generator, so the fixture keeps what each vote or
# point reduces a batch to (a factor and the per-dimension variances of one batch; a factor and the
# mean |z1 - z2| of a batch pair), and both implementations score those.
SAMPLED_CASES = ["identity", "rotation", "entangled", "noise"]
BATCH = 64
VOTES_TRAIN, VOTES_EVAL, VARIANCE_SAMPLES = 400, 200, 5000
PRUNE_THRESHOLD = 0.05


def sample_factors(n, rng):
    return np.array([rng.integers(0, size, n) for size in FACTOR_SIZES])


def representation(name, rng):
    """The case's codes as a function of the factors, its parameters (rotation) drawn once."""
    q = np.linalg.qr(rng.standard_normal((10, 10)))[0]
    if name == "rotation":
        return lambda ys: q @ np.vstack([scaled(ys) + 0.02 * rng.standard_normal((5, ys.shape[1])),
                                         0.02 * rng.standard_normal((5, ys.shape[1]))])
    return lambda ys: make_codes(name, ys, rng)


def factor_vae_votes(represent, count, rng):
    factors, variances = [], []
    for _ in range(count):
        k = int(rng.integers(0, len(FACTOR_SIZES)))
        ys = sample_factors(BATCH, rng)
        ys[k, :] = ys[k, 0]
        factors.append(k)
        variances.append(np.var(represent(ys), axis=1, ddof=1))
    return factors, np.array(variances)


def factor_vae_score(global_variances, train, evaluation):
    active = np.sqrt(global_variances) >= PRUNE_THRESHOLD
    if not active.any():
        return 0.0

    def votes(factors, variances):
        table = np.zeros((len(FACTOR_SIZES), int(active.sum())), dtype=np.int64)
        for k, v in zip(factors, variances):
            table[k, np.argmin(v[active] / global_variances[active])] += 1
        return table

    training_votes = votes(*train)
    classifier = np.argmax(training_votes, axis=0)
    other_index = np.arange(training_votes.shape[1])
    eval_votes = votes(*evaluation)
    return float(np.sum(eval_votes[classifier, other_index]) / np.sum(eval_votes))


def beta_vae_points(represent, count, rng):
    labels, points = [], []
    for _ in range(count):
        k = int(rng.integers(0, len(FACTOR_SIZES)))
        first, second = sample_factors(BATCH, rng), sample_factors(BATCH, rng)
        second[k, :] = first[k, :]
        labels.append(k)
        points.append(np.mean(np.abs(represent(first) - represent(second)), axis=1))
    return np.array(points), np.array(labels)


def beta_vae_score(train_points, train_labels, eval_points, eval_labels):
    model = linear_model.LogisticRegression(random_state=0)
    model.fit(train_points, train_labels)
    return float(model.score(eval_points, eval_labels))


def sampled_scores(name, rng):
    represent = representation(name, rng)
    global_variances = np.var(represent(sample_factors(VARIANCE_SAMPLES, rng)), axis=1, ddof=1)
    train, evaluation = factor_vae_votes(represent, VOTES_TRAIN, rng), factor_vae_votes(represent, VOTES_EVAL, rng)
    (train_points, train_labels), (eval_points, eval_labels) = (beta_vae_points(represent, VOTES_TRAIN, rng),
                                                                 beta_vae_points(represent, VOTES_EVAL, rng))
    rounded = lambda a: np.round(a, 9).tolist()
    return {
        "factorvae": {"global_variances": rounded(global_variances), "threshold": PRUNE_THRESHOLD,
                      "train_factors": train[0], "train_variances": rounded(train[1]),
                      "eval_factors": evaluation[0], "eval_variances": rounded(evaluation[1]),
                      "expected": factor_vae_score(global_variances, train, evaluation)},
        "betavae": {"train_points": rounded(train_points), "train_labels": train_labels.tolist(),
                    "eval_points": rounded(eval_points), "eval_labels": eval_labels.tolist(),
                    "expected": beta_vae_score(train_points, train_labels, eval_points, eval_labels)},
    }


# --- cases ------------------------------------------------------------------------------------
def scaled(ys):
    """Factor classes mapped to [0, 1] (factors x samples)."""
    return np.array([ys[k] / max(1, FACTOR_SIZES[k] - 1) for k in range(len(FACTOR_SIZES))])


def make_codes(name, ys, rng):
    n = ys.shape[1]
    f = scaled(ys)
    noise = lambda rows, s: s * rng.standard_normal((rows, n))
    if name == "identity":
        return np.vstack([f + noise(5, 0.02), noise(5, 1.0)])
    if name == "rotation":
        q, _ = np.linalg.qr(rng.standard_normal((10, 10)))
        return q @ np.vstack([f + noise(5, 0.02), noise(5, 0.02)])
    if name == "noise":
        return noise(10, 1.0)
    if name == "entangled":
        return np.vstack([f[3] + f[4], f[3] - f[4], f[0] + f[1], f[2] ** 2, f[1] * f[2], noise(5, 0.1)]) + noise(10, 0.03)
    if name == "nonlinear":
        return np.vstack([np.tanh(4 * (f - 0.5)) + noise(5, 0.1), 1e-3 * noise(3, 1.0), noise(2, 0.5)])
    if name == "duplicated":
        return np.vstack([f, f[3:5] + noise(2, 0.01), noise(3, 1.0)]) + noise(10, 0.01)
    if name == "quantised":
        return np.vstack([ys.astype(float), np.floor(4 * rng.random((5, n)))])
    raise ValueError(name)


CASES = ["identity", "rotation", "noise", "entangled", "nonlinear", "duplicated", "quantised"]


def main(selected):
    for index, name in enumerate(CASES):
        if selected and name not in selected:
            continue
        rng = np.random.default_rng(1000 + index)
        n = NUM_TRAIN + NUM_TEST
        ys = np.array([rng.integers(0, size, n) for size in FACTOR_SIZES])
        mus = np.round(make_codes(name, ys, rng), 12)
        mus_train, mus_test = mus[:, :NUM_TRAIN], mus[:, NUM_TRAIN:]
        ys_train, ys_test = ys[:, :NUM_TRAIN], ys[:, NUM_TRAIN:]
        d, c, i = dci(mus_train, ys_train, mus_test, ys_test)
        expected = {
            "mig": mig(mus_train, ys_train),
            "dci_disentanglement": d, "dci_completeness": c, "dci_informativeness": i,
            "sap": sap(mus_train, ys_train, mus_test, ys_test),
            "modularity": modularity(mus_train, ys_train),
            "explicitness": explicitness(mus_train, ys_train, mus_test, ys_test),
            "irs": irs(mus_train, ys_train),
        }
        document = {
            "case": name, "sklearn": sklearn.__version__, "numpy": np.__version__,
            "expected": expected,
            "train_codes": mus_train.T.tolist(), "train_factors": ys_train.T.tolist(),
            "test_codes": mus_test.T.tolist(), "test_factors": ys_test.T.tolist(),
        }
        if name in SAMPLED_CASES:
            document["sampled"] = sampled_scores(name, np.random.default_rng(2000 + index))
            expected["factorvae"] = document["sampled"]["factorvae"]["expected"]
            expected["betavae"] = document["sampled"]["betavae"]["expected"]
        with open(os.path.join(HERE, name + ".json"), "w") as out:
            json.dump(document, out)
        print(name, {k: round(v, 4) for k, v in expected.items()})


if __name__ == "__main__":
    main(sys.argv[1:])  # optionally only the named cases, e.g. to run them in parallel
