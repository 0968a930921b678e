"""The code the grader sends into a student's kernel, in place of a hidden check.

:func:`run_probe` is sent as *source text* (see :mod:`.probe`) and run in the student's kernel,
where it reads one graded item's answer and publishes it as plain data: ``None``, ``bool``,
``int``, ``float``, ``str`` and lists, tuples, sets and dicts of those, each of *exactly* that type
(at most 20 deep, 100,000 items and 1,000,000 characters of text: :mod:`.wire` refuses more).
Anything else (a subclass, an object with its own ``__eq__``) leaves as ``{"rejected": <type
name>}``. A function answer is called on the item's inputs, each call under a time limit, and
only its results leave.

Nothing here needs to be trusted: the kernel has run the student's code, which may have patched
anything this function uses. What it publishes is parsed by the grader into fresh built-in values
(:mod:`.wire`), so the most a tampered kernel can do is report answers of the student's choosing:
exactly what the student could have typed, and judged the same way. The function therefore imports
only inside itself, has no annotations the kernel could not resolve, and defines nothing in the
student's namespace but its own name, which the cell deletes again.
"""

from __future__ import annotations


def run_probe(request: dict, user_ns: dict) -> None:  # noqa: C901 - one self-contained function by design
    """Publish the answer of ``request["item"]`` as display data of the grader's MIME type."""
    import contextlib
    import signal
    import time
    import types

    from IPython.display import publish_display_data

    scalars = (type(None), bool, int, float, str)
    max_depth, max_items, max_chars, max_total_chars = 20, 100_000, 100_000, 1_000_000
    counted, chars = [0], [0]

    class Rejected(Exception):
        pass

    class TimeLimit(BaseException):
        pass

    def encode(value, depth=0):
        counted[0] += 1
        if depth > max_depth or counted[0] > max_items:
            raise Rejected("too large or too deeply nested")
        kind = type(value)
        if kind is str:
            chars[0] += len(value)
            if len(value) > max_chars:
                raise Rejected("text longer than 100,000 characters")
            if chars[0] > max_total_chars:
                raise Rejected("more than 1,000,000 characters of text in all")
        if kind in scalars:
            return value
        if kind is list or kind is tuple:
            return {kind.__name__: [encode(item, depth + 1) for item in value]}
        if kind is set or kind is frozenset:
            items = [encode(item, depth + 1) for item in value]
            with contextlib.suppress(TypeError):  # mixed types: any order will do
                items = sorted(items)
            return {"set": items}
        if kind is dict:
            return {"dict": [[encode(k, depth + 1), encode(v, depth + 1)] for k, v in value.items()]}
        return {"rejected": getattr(kind, "__name__", "an unknown type")}

    def decode(value):
        if not isinstance(value, dict):
            return value
        (tag, items), = value.items()
        if tag == "object":
            return types.SimpleNamespace(**{name: decode(item) for name, item in items.items()})
        if tag == "dict":
            return {decode(k): decode(v) for k, v in items}
        return {"list": list, "tuple": tuple, "set": set}[tag](decode(item) for item in items)

    def safe_encode(value):
        try:
            return {"value": encode(value)}
        except Rejected as reason:
            return {"rejected": str(reason)}
        finally:
            counted[0], chars[0] = 0, 0

    def describe(error):
        try:
            text = str(error)
        except Exception:  # noqa: BLE001 - a student's exception may fail to print
            text = ""
        return f"{type(error).__name__}: {text}"[:300]

    def on_alarm(signum, frame):
        raise TimeLimit()

    def call(function, args, limit):
        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, limit)
        try:
            return safe_encode(function(*[decode(arg) for arg in args]))
        except TimeLimit:
            return {"error": f"took longer than {limit:g} s"}
        except BaseException as error:  # noqa: BLE001 - whatever the student's code raises is its answer
            return {"error": describe(error)}
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)

    payload = {"nonce": request["nonce"], "item": request["item"]}
    if "function" in request:
        name = request["function"]
        function = user_ns.get(name)
        if function is None or not callable(function):
            payload["missing"] = [name]
        else:
            results, deadline = [], time.monotonic() + request["budget"]
            for args in request["calls"]:
                if time.monotonic() > deadline:
                    results.append({"error": "not called: the time for this question ran out"})
                else:
                    results.append(call(function, args, request["limit"]))
            payload["results"] = results
    else:
        payload["missing"] = [name for name in request["answers"] if name not in user_ns]
        payload["answers"] = {name: safe_encode(user_ns[name]) for name in request["answers"] if name in user_ns}
    publish_display_data({request["mime"]: payload})
