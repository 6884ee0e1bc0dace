"""Tests of the client kit against dlref's committed outputs (dlref is the reference the kit must reproduce):
the loader's golden vectors (vectors/loader.json), the initializers' golden vectors (vectors/initializers.json), and
`dlref run`'s trajectory of examples/mlp_momentum.spec.json (tests/data/mlp_momentum.dlref.trajectory.json, written
by `./dlref run examples/mlp_momentum.spec.json --out ...`).

Run from clients/python: /usr/bin/python3 -m unittest discover -s tests -v. Needs NumPy; the PyTorch recorder's test
needs torch and is skipped with its reason without it, unless DLREF_REQUIRE_PYTHON=1 (CI), where it fails instead.
"""
import json
import math
import os
import tempfile
import unittest

import numpy as np

from dlref_client import JavaRandom, SpecError, TrajectoryWriter, batches, data, evaluation, initial_buffers, \
    initial_parameters, linear_weights, load_spec, weight_layout

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
VECTORS = os.path.join(REPO, "vectors")
ISSUE15 = os.path.join(REPO, "verify", "src", "test", "resources", "issue15")
DATA = os.path.join(HERE, "data")
REQUIRED = os.environ.get("DLREF_REQUIRE_PYTHON") == "1"


def vectors(name):
    with open(os.path.join(VECTORS, name)) as f:
        return json.load(f)["vectors"]


class JavaRandomTest(unittest.TestCase):

    def test_known_values_of_java_util_random(self):
        # new java.util.Random(42): nextInt() is -1170105035, nextInt(10) from a fresh generator is 0 (the Javadoc's
        # algorithm: the top 31 bits of the first state, 1562431430 mod 10), nextDouble() 0.7275636800328681
        self.assertEqual(-1170105035, JavaRandom(42).next_int())
        self.assertEqual(0, JavaRandom(42).next_int(10))
        self.assertEqual(0.7275636800328681, JavaRandom(42).next_double())
        self.assertEqual(-5025562857975149833, JavaRandom(42).next_long())

    def test_strict_log_against_closed_forms_and_math_log(self):
        from dlref_client.javarandom import strict_log
        self.assertEqual(0.0, strict_log(1.0))
        self.assertEqual(-math.inf, strict_log(0.0))
        self.assertTrue(math.isnan(strict_log(-1.0)))
        self.assertEqual(math.inf, strict_log(math.inf))
        # 2^k: k ln2_hi + k ln2_lo
        self.assertEqual(0.6931471805599453, strict_log(2.0))
        rng = JavaRandom(7)
        for _ in range(2000):  # within one ulp of the C library's log everywhere
            x = rng.next_double() * 10 ** rng.next_int(20) + 5e-324
            self.assertLessEqual(abs(strict_log(x) - math.log(x)), math.ulp(math.log(x)) + 1e-300, x)
        self.assertAlmostEqual(math.log(1e-310), strict_log(1e-310), places=12)

    def test_bound_must_be_positive(self):
        with self.assertRaises(ValueError):
            JavaRandom(1).next_int(0)


class LoaderTest(unittest.TestCase):

    def test_every_loader_vector(self):
        cases = vectors("loader.json")
        self.assertEqual(12, len(cases))
        for v in cases:
            per_epoch = len(v["epochs"][0]["batches"])
            steps = per_epoch * len(v["epochs"])
            got = batches(v["n"], steps, v["batch_size"], v["shuffle"], v["seed"], v["drop_last"])
            want = [b for e in v["epochs"] for b in e["batches"]]
            self.assertEqual(want, [b.samples for b in got], v)
            self.assertEqual([e for e, ep in enumerate(v["epochs"]) for _ in ep["batches"]], [b.epoch for b in got])
            self.assertEqual(list(range(1, steps + 1)), [b.step for b in got])

    def test_without_shuffle_and_without_batch_size(self):
        self.assertEqual([[0, 1, 2], [3, 4], [0, 1, 2]], [b.samples for b in batches(5, 3, 3)])
        self.assertEqual([[0, 1, 2, 3, 4]] * 2, [b.samples for b in batches(5, 2)])
        self.assertEqual([[0, 1, 2], [0, 1, 2]], [b.samples for b in batches(5, 2, 3, drop_last=True)])
        with self.assertRaises(ValueError):
            batches(5, 1, 3, shuffle=True)


class InitialParametersTest(unittest.TestCase):

    def test_initializers_the_kit_implements_match_dlref_bit_for_bit(self):
        checked = 0
        for v in vectors("initializers.json"):
            if "init" in v and v["init"]["type"] in ("uniform", "normal", "zeros", "ones", "constant"):
                spec = {"model": {"input": v["cols"], "layers": [{"type": "linear", "out": v["rows"], "bias": False,
                                                                  "weight_init": v["init"]}]},
                        "parameters": {"seed": v["seed"]}}
                got = initial_parameters(spec)["0.weight"]
                self.assertEqual(v["values"], got.tolist(), v["init"])
                checked += 1
            elif "layer" in v:
                spec = {"model": {"input": v["in"], "layers": [v["layer"]]}, "parameters": {"seed": v["seed"]}}
                got = initial_parameters(spec)
                self.assertEqual(v["parameters"], {k: m.tolist() for k, m in got.items()}, v["name"])
                checked += 1
        self.assertGreaterEqual(checked, 11)

    def test_explicit_values_flat_vectors_and_errors(self):
        spec = load_spec(os.path.join(DATA, "mlp_momentum.spec.json"))
        p = initial_parameters(spec)
        self.assertEqual([[0.1, -0.2, 0.05]], p["0.bias"].tolist())
        spec["parameters"]["values"]["0.bias"] = [0.1, -0.2, 0.05]
        self.assertEqual([[0.1, -0.2, 0.05]], initial_parameters(spec)["0.bias"].tolist())
        spec["parameters"]["values"]["0.bias"] = [0.1, -0.2]
        with self.assertRaisesRegex(SpecError, r"\$\.parameters\.values\['0\.bias'\]: expected a 1x3 matrix, got 1x2"):
            initial_parameters(spec)
        spec["parameters"]["values"]["0.bias"] = [0.1, -0.2, 0.05]
        spec["parameters"]["values"]["9.weight"] = [[1.0]]
        with self.assertRaisesRegex(SpecError, r"no such parameter"):
            initial_parameters(spec)
        bad = {"model": {"input": 2, "layers": [{"type": "linear", "out": 1}]}, "parameters": {}}
        with self.assertRaisesRegex(SpecError, r'missing required key "seed"'):
            initial_parameters(bad)
        orth = {"model": {"input": 2, "layers": [{"type": "linear", "out": 1, "weight_init": {"type": "orthogonal"}}]},
                "parameters": {"seed": 1}}
        with self.assertRaisesRegex(SpecError, r"not 'orthogonal'; give this parameter's values"):
            initial_parameters(orth)
        # layers without parameters (the activations added with dlref's LayerNorm/GELU family) are accepted and
        # leave the parameter names of the linear layers around them unchanged; layer_norm's are not built
        gelu = {"model": {"input": 2, "layers": [{"type": "linear", "out": 3}, {"type": "gelu"},
                                                 {"type": "linear", "out": 1}]}, "parameters": {"seed": 1}}
        self.assertEqual(["0.weight", "0.bias", "2.weight", "2.bias"], list(initial_parameters(gelu)))
        norm = {"model": {"input": 2, "layers": [{"type": "layer_norm"}, {"type": "layer_norm",
                                                                          "elementwise_affine": False}]},
                "parameters": {"values": {"0.bias": [0.5, -0.5]}}}
        self.assertEqual({"0.weight": [[1.0, 1.0]], "0.bias": [[0.5, -0.5]]},
                         {k: v.tolist() for k, v in initial_parameters(norm).items()})
        rnn = {"model": {"input": 2, "layers": [{"type": "lstm"}]}, "parameters": {"seed": 1}}
        with self.assertRaisesRegex(SpecError, r"\$\.model\.layers\[0\]: the client kit builds the parameters of "
                                               r"linear, batchnorm and layer_norm layers .*not 'lstm'"):
            initial_parameters(rnn)

    def test_data_and_classes(self):
        spec = load_spec(os.path.join(DATA, "mlp_momentum.spec.json"))
        x, y = data(spec)
        self.assertEqual((6, 2), x.shape)
        self.assertEqual((6, 1), y.shape)
        spec["data"] = {"inputs": [[0.0], [1.0], [2.0]], "classes": [2, 0, 1]}
        spec["model"] = {"input": 1, "layers": [{"type": "linear", "out": 3}]}
        self.assertEqual([[0, 0, 1], [1, 0, 0], [0, 1, 0]], data(spec)[1].tolist())


class FormatAdditionsTest(unittest.TestCase):
    """Issue 15's spec additions: the weight layout, BatchNorm's starting statistics, the evaluation forward."""

    def test_weights_given_inputs_by_outputs_are_read_as_outputs_by_inputs(self):
        spec = load_spec(os.path.join(ISSUE15, "cs231n_layout.spec.json"))
        self.assertEqual("inputs_x_outputs", weight_layout(spec))
        self.assertEqual(["0.weight", "2.weight"], linear_weights(spec))
        p = initial_parameters(spec)
        given = np.array(spec["parameters"]["values"]["0.weight"])
        self.assertEqual((4, 5), given.shape)
        self.assertEqual((5, 4), p["0.weight"].shape)
        self.assertEqual(given.T.tolist(), p["0.weight"].tolist())
        self.assertEqual((1, 5), p["0.bias"].shape)
        spec["parameters"]["values"]["0.weight"] = given.T.tolist()
        with self.assertRaisesRegex(SpecError, r"\$\.parameters\.values\['0\.weight'\]: expected a 4x5 matrix "
                                               r"\(inputs x outputs, as weight_layout says\), got 5x4"):
            initial_parameters(spec)
        spec["parameters"]["weight_layout"] = "columns"
        with self.assertRaisesRegex(SpecError, r"weight_layout: expected one of"):
            weight_layout(spec)
        self.assertEqual("outputs_x_inputs", weight_layout({"model": {}}))

    def test_batchnorm_statistics_start_from_the_spec(self):
        spec = {"model": {"input": 2, "layers": [{"type": "linear", "out": 3}, {"type": "batchnorm"}]},
                "parameters": {"seed": 1, "buffers": {"1.running_var": [2.0, 0.5, 1.5]}}}
        b = initial_buffers(spec)
        self.assertEqual([[0.0, 0.0, 0.0]], b["1.running_mean"].tolist())
        self.assertEqual([[2.0, 0.5, 1.5]], b["1.running_var"].tolist())
        spec["parameters"]["buffers"] = {"0.running_mean": [0.0]}
        with self.assertRaisesRegex(SpecError, r"\$\.parameters\.buffers\['0\.running_mean'\]: the model has no "
                                               r"such buffer; it has \['1\.running_mean', '1\.running_var'\]"):
            initial_buffers(spec)
        spec["parameters"]["buffers"] = {"1.running_mean": [0.0]}
        with self.assertRaisesRegex(SpecError, r"expected a 1x3 matrix, got 1x1"):
            initial_buffers(spec)

    def test_the_evaluation_forward_of_a_spec(self):
        with open(os.path.join(ISSUE15, "format_torch.json")) as f:
            cases = json.load(f)["cases"]
        e = evaluation(cases[0]["spec"])
        self.assertEqual([0, 2, 5], e["after_steps"])
        self.assertEqual("loss", e["scalar"])
        self.assertEqual((5, 3), e["inputs"].shape)
        self.assertEqual(cases[0]["spec"]["output"]["evaluation"]["classes"], e["targets"].argmax(axis=1).tolist())
        self.assertEqual([1.0] * 5, e["targets"].sum(axis=1).tolist())
        e = evaluation(cases[2]["spec"])
        self.assertEqual(("sum", None, [1, 3]), (e["scalar"], e["targets"], e["after_steps"]))
        self.assertIsNone(evaluation({"model": {}}))


class TrajectoryWriterTest(unittest.TestCase):

    def test_layout_transposition_and_evaluations(self):
        w = TrajectoryWriter("test", weight_layout="inputs_x_outputs", transpose=["0.weight"])
        w.add_step(1.0, {"0.weight": np.array([[1.0, 2.0, 3.0]]), "0.bias": np.array([0.5])},
                   {"0.weight": np.array([[4.0, 5.0, 6.0]]), "0.bias": np.array([0.25])})
        w.add_evaluation(0, {"0": np.array([[1.0], [2.0]])}, 3.0, np.array([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]))
        d = w.to_dict()
        self.assertEqual("inputs_x_outputs", d["weight_layout"])
        self.assertEqual([[1.0], [2.0], [3.0]], d["steps"][0]["gradients"]["0.weight"])
        self.assertEqual([[4.0], [5.0], [6.0]], d["steps"][0]["parameters"]["0.weight"])
        self.assertEqual([[0.25]], d["steps"][0]["parameters"]["0.bias"])
        self.assertEqual([{"after_step": 0, "outputs": {"0": [[1.0], [2.0]]}, "scalar": 3.0,
                           "input_gradient": [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]}], d["evaluations"])
        self.assertNotIn("weight_layout", TrajectoryWriter("plain").to_dict())
        self.assertNotIn("evaluations", TrajectoryWriter("plain").to_dict())


    def test_numbers_round_trip_and_vectors_become_rows(self):
        w = TrajectoryWriter("test")
        x = 0.1 + 0.2
        w.add_step(x, {"b": np.array([1.0, math.nan])}, {"b": np.array([[math.inf, -math.inf]])}, samples=[3, 1],
                   lr=0.5, epoch=0, batch=1)
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "t.json")
            w.write(path)
            with open(path) as f:
                back = json.load(f)
        self.assertEqual("dlref.trajectory.v1", back["format"])
        step = back["steps"][0]
        self.assertEqual(x, step["loss"])
        self.assertEqual([[1.0, "NaN"]], step["gradients"]["b"])
        self.assertEqual([["Infinity", "-Infinity"]], step["parameters"]["b"])
        self.assertEqual([3, 1], step["samples"])
        self.assertEqual((1, 0, 1), (step["step"], step["epoch"], step["batch"]))


class TorchRecorderTest(unittest.TestCase):

    def setUp(self):
        try:
            import torch  # noqa: F401
        except ImportError:
            if REQUIRED:
                self.fail("DLREF_REQUIRE_PYTHON=1 but torch cannot be imported (apt-get install python3-torch)")
            self.skipTest("PyTorch is not installed (Debian: python3-torch); the recorder test is skipped")

    def test_a_real_pytorch_loop_reproduces_dlrefs_trajectory(self):
        import torch
        from dlref_client.torch_recorder import TorchRecorder
        torch.set_default_dtype(torch.float64)
        spec = load_spec(os.path.join(DATA, "mlp_momentum.spec.json"))
        model = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.Tanh(), torch.nn.Linear(3, 1))
        rec = TorchRecorder(model, spec)
        opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
        loss_fn = torch.nn.MSELoss()
        for x, y in rec.batches():
            opt.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            rec.record_gradients(loss)
            opt.step()
            rec.record_step(opt.param_groups[0]["lr"])
        ours = rec.writer.to_dict()["steps"]
        with open(os.path.join(DATA, "mlp_momentum.dlref.trajectory.json")) as f:
            dlref = json.load(f)["steps"]
        self.assertEqual(30, len(ours))
        for o, d in zip(ours, dlref):
            self.assertEqual(d["samples"], o["samples"])
            self.assertEqual(d["lr"], o["lr"])
            np.testing.assert_allclose(o["loss"], d["loss"], rtol=1e-9, atol=1e-12)
            for q in ("gradients", "parameters"):
                self.assertEqual(set(d[q]), set(o[q]))
                for name in d[q]:
                    np.testing.assert_allclose(np.array(o[q][name]), np.array(d[q][name]), rtol=1e-9, atol=1e-12)
        torch.set_default_dtype(torch.float32)

    def test_the_recorder_writes_inputs_by_outputs_as_a_numpy_cs231n_network_does(self):
        import torch
        from dlref_client.torch_recorder import TorchRecorder
        torch.set_default_dtype(torch.float64)
        try:
            spec = load_spec(os.path.join(ISSUE15, "cs231n_layout.spec.json"))
            model = torch.nn.Sequential(torch.nn.Linear(4, 5), torch.nn.ReLU(), torch.nn.Linear(5, 3))
            rec = TorchRecorder(model, spec)
            opt = torch.optim.SGD(model.parameters(), lr=spec["optimizer"]["lr"])
            loss_fn = torch.nn.CrossEntropyLoss()
            for x, y in rec.batches():
                opt.zero_grad()
                loss = loss_fn(model(x), y.argmax(dim=1))
                loss.backward()
                rec.record_gradients(loss)
                opt.step()
                rec.record_step(opt.param_groups[0]["lr"])
            ours = rec.writer.to_dict()
            with open(os.path.join(ISSUE15, "cs231n_layout.numpy.trajectory.json")) as f:
                numpy_run = json.load(f)
            self.assertEqual("inputs_x_outputs", ours["weight_layout"])
            self.assertEqual(len(numpy_run["steps"]), len(ours["steps"]))
            for o, n in zip(ours["steps"], numpy_run["steps"]):
                for q in ("gradients", "parameters"):
                    for name in n[q]:
                        want = np.atleast_2d(np.array(n[q][name]))
                        self.assertEqual(want.shape, np.array(o[q][name]).shape, name)
                        np.testing.assert_allclose(np.array(o[q][name]), want, rtol=1e-9, atol=1e-12)
        finally:
            torch.set_default_dtype(torch.float32)

    def test_the_recorder_records_buffers_and_evaluation_forwards_as_pytorch_does(self):
        import torch
        import torch.nn.functional as F
        from dlref_client.torch_recorder import TorchRecorder
        torch.set_default_dtype(torch.float64)
        try:
            with open(os.path.join(ISSUE15, "format_torch.json")) as f:
                case = json.load(f)["cases"][0]
            spec = case["spec"]
            model = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.BatchNorm1d(4, momentum=0.2), torch.nn.Tanh(),
                                        torch.nn.Linear(4, 3))
            w = torch.tensor(spec["loss"]["weight"])

            def loss_fn(out, y):
                return F.cross_entropy(out, y.argmax(dim=1), weight=w, label_smoothing=0.1)

            with self.assertRaisesRegex(ValueError, r"pass eval_loss="):
                TorchRecorder(model, spec)
            rec = TorchRecorder(model, spec, eval_loss=loss_fn)
            self.assertEqual(spec["parameters"]["buffers"]["1.running_var"], [model[1].running_var.tolist()])
            opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
            for x, y in rec.batches():
                opt.zero_grad()
                loss = loss_fn(model(x), y)
                loss.backward()
                rec.record_gradients(loss)
                opt.step()
                rec.record_step(opt.param_groups[0]["lr"])
            ours = rec.writer.to_dict()
            golden = case["trajectory"]
            self.assertEqual([0, 2, 5], [e["after_step"] for e in ours["evaluations"]])
            for o, g in zip(ours["evaluations"], golden["evaluations"]):
                self.assertEqual(sorted(g["outputs"]), sorted(o["outputs"]))
                for name in g["outputs"]:
                    np.testing.assert_allclose(o["outputs"][name], g["outputs"][name], rtol=1e-12, atol=1e-12)
                np.testing.assert_allclose(o["scalar"], g["scalar"], rtol=1e-12)
                np.testing.assert_allclose(o["input_gradient"], g["input_gradient"], rtol=1e-12, atol=1e-12)
            for o, g in zip(ours["steps"], golden["steps"]):
                for name in g["buffers"]:
                    np.testing.assert_allclose(o["buffers"][name], g["buffers"][name], rtol=1e-12, atol=1e-12)
            self.assertTrue(model.training)  # the evaluation forwards restore the mode
        finally:
            torch.set_default_dtype(torch.float32)

    def test_mismatched_names_are_refused(self):
        import torch
        from dlref_client.torch_recorder import TorchRecorder
        spec = load_spec(os.path.join(DATA, "mlp_momentum.spec.json"))
        model = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.Linear(3, 1))  # layer 1 instead of 2
        with self.assertRaisesRegex(ValueError, r"missing \['2.bias', '2.weight'\], unknown \['1.bias', '1.weight'\]"):
            TorchRecorder(model.double(), spec)


if __name__ == "__main__":
    unittest.main()
