"""Registers routes together with the roles allowed on each."""

from collections.abc import Callable, Iterable

from flask import Blueprint, Response

from src.domain.enums import Papel
from src.main.adapter import Handler, adapt
from src.main.security import Permissions
from src.presentation.controllers.registry import RegistryController

View = Callable[..., Response]
Decorator = Callable[[View], View]


class RouteTable:
    def __init__(self, blueprint: Blueprint, permissions: Permissions) -> None:
        self._blueprint = blueprint
        self._permissions = permissions

    def add(
        self,
        method: str,
        rule: str,
        handler: Handler,
        papeis: Iterable[Papel] | None,
        name: str,
        decorators: Iterable[Decorator] = (),
    ) -> None:
        """``papeis=None`` makes the route public."""
        view: View = adapt(handler)
        for decorate in decorators:
            view = decorate(view)
        self._blueprint.add_url_rule(
            rule, endpoint=name, view_func=view, methods=[method]
        )
        self._permissions.allow(f"{self._blueprint.name}.{name}", papeis)

    def registry(
        self,
        rule: str,
        controller: RegistryController,
        read: Iterable[Papel],
        write: Iterable[Papel],
        name: str,
        update: Iterable[Papel] | None = None,
        deletable: bool = True,
    ) -> None:
        """The five routes of a registry: create, list, get, update, delete.
        ``update`` widens who may PATCH, when that differs from ``write``;
        records that are never deleted answer DELETE with 405."""
        item = f"{rule}/<int:id>"
        self.add("POST", rule, controller.create, write, f"{name}_create")
        self.add("GET", rule, controller.list, read, f"{name}_list")
        self.add("GET", item, controller.get, read, f"{name}_get")
        self.add("PATCH", item, controller.update, update or write, f"{name}_update")
        if deletable:
            self.add("DELETE", item, controller.delete, write, f"{name}_delete")
