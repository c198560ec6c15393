"""Importing a regulation catalogue (制度目录) from .xlsx: ``read`` turns the sheet into rows, ``service``
checks them against the register and writes them, all or nothing."""

from taizhang.regulations.catalogue.service import CatalogueError, CatalogueResult, catalogue_import

__all__ = ["CatalogueError", "CatalogueResult", "catalogue_import"]
