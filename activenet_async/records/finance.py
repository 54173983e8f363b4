"""Records of the System API finance operations (GetRefunds)."""

from .._lenient import LenientDate, Record

__all__ = ["Refund"]


class Refund(Record):
    """One refund transaction (GetRefunds)."""

    receipt_date: LenientDate | None = None  # documented type "YYYY-MM-DD"
    receipt_time: str | None = None  # a time of day, "11:11 AM"
    payee_company_name: str | None = None
    payee_company_id: int | None = None
    payee_customer_name: str | None = None
    payee_customer_id: int | None = None
    payee_home_phone: str | None = None
    payee_work_phone: str | None = None
    payee_cell_phone: str | None = None
    payee_other_phone: str | None = None
    payee_residential_address1: str | None = None
    payee_residential_address2: str | None = None
    payee_residential_city: str | None = None
    payee_residential_state_or_province: str | None = None
    payee_residential_zip_code: str | None = None
    payee_mailing_address1: str | None = None
    payee_mailing_address2: str | None = None
    payee_mailing_city: str | None = None
    payee_mailing_state_or_province: str | None = None
    payee_mailing_zip_code: str | None = None
    # BigDecimal: ACTIVE receipt numbers carry a fraction (1001007.005); the example shows 123
    original_receipt_number: float | None = None
    receipt_number: float | None = None
    payment_type: str | None = None
    payment_type_id: int | None = None
    refund_detail: str | None = None
    refund_amount: float | None = None
    gl_account_number_refund_from: str | None = None
    gl_account_name_refund_from: str | None = None
    gl_account_number_refund_to: str | None = None
    gl_account_name_refund_to: str | None = None
    transaction_site_id: int | None = None
    transaction_site: str | None = None
