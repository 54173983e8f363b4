"""Testing kit: a fake ACTIVE Net server on loopback for your own tests (and ours).

>>> from activenet_async.testing import FakeActiveNet
>>> async with FakeActiveNet(rate_limit=2) as fake:
...     async with fake.client() as anet:
...         async for m in anet.insights.get_memberships(modified_date_from=..., ...):
...             ...
"""

from ._data import Dataset
from ._faults import Fault, FaultKind, Faults
from ._server import FakeActiveNet, LogEntry

__all__ = ["Dataset", "FakeActiveNet", "Fault", "FaultKind", "Faults", "LogEntry"]
